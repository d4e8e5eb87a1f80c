package io.callready.collector.plan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A customer's plan ({@code siteId} null) or a site's override, as validated JSON. */
@Entity
@Table(name = "probe_plans")
public class StoredPlan extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    @Column(name = "site_id")
    public UUID siteId;

    @Column(nullable = false, columnDefinition = "text")
    public String document;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
