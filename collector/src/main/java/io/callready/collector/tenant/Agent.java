package io.callready.collector.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An agent installed at a site. Only the SHA-256 of its token is kept. */
@Entity
@Table(name = "agents")
public class Agent extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "site_id", nullable = false)
    public UUID siteId;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(name = "token_hash", nullable = false, columnDefinition = "text")
    public String tokenHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
}
