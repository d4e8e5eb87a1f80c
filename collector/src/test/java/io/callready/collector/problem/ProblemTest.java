package io.callready.collector.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTest {
    @Test
    void titlesFollowTheStatus() {
        assertThat(Problem.of(400, "x").title()).isEqualTo("Bad Request");
        assertThat(Problem.of(413, "x").title()).isEqualTo("Request Entity Too Large");
        assertThat(Problem.of(422, "x").title()).isEqualTo("Unprocessable Content");
        assertThat(Problem.of(599, "x").title()).isEqualTo("Server Error");
    }

    @Test
    void unauthorizedCarriesTheBearerChallenge() {
        var response = ProblemException.unauthorized("no token").toResponse();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"callready\"");
    }
}
