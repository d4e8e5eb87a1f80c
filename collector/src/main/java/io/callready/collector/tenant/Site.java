package io.callready.collector.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "sites")
public class Site extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** IANA zone; null = the customer's. */
    @Column(name = "time_zone", columnDefinition = "text")
    public String timeZone;

    /** Peak concurrent calls; null = the customer's declared maximum. */
    @Column(name = "peak_calls")
    public Integer peakCalls;

    /** Provider profile name; null = none. */
    @Column(columnDefinition = "text")
    public String profile;
}
