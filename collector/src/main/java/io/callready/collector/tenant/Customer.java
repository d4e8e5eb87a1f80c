package io.callready.collector.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "customers")
public class Customer extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** IANA zone, the default of its sites. */
    @Column(name = "time_zone", nullable = false, columnDefinition = "text")
    public String timeZone = "UTC";

    /** Highest number of simultaneous calls the MSP declares for the customer; null = unknown. */
    @Column(name = "max_simultaneous_calls")
    public Integer maxSimultaneousCalls;
}
