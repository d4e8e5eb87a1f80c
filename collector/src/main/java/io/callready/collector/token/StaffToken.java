package io.callready.collector.token;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A staff API token. Only the SHA-256 of the token is kept. */
@Entity
@Table(name = "staff_tokens")
public class StaffToken extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(name = "token_hash", nullable = false, columnDefinition = "text")
    public String tokenHash;

    /** {@link io.callready.collector.auth.Role#wireName()}. */
    @Column(nullable = false, columnDefinition = "text")
    public String role;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
