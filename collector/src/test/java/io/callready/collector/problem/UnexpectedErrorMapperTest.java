package io.callready.collector.problem;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnexpectedErrorMapperTest {
    @Test
    void answers500ProblemWithoutInternals() {
        Response response = new UnexpectedErrorMapper().toResponse(
                new IllegalStateException("password=hunter2 at io.callready.Secret.method"));
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.title()).isEqualTo("Internal Server Error");
        assertThat(problem.detail()).matches("Internal error [0-9a-f-]{36}; the collector log has the details");
        assertThat(problem.errors()).isEmpty();
    }

    @Test
    void exhaustedConnectionPoolIs503WithRetryAfter() {
        Response response = new UnexpectedErrorMapper().toResponse(
                new IllegalStateException("storing failed", new java.sql.SQLException("Sorry, acquisition timeout!")));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((Problem) response.getEntity()).detail()).doesNotContain("acquisition");
    }
}
