package io.callready.collector.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokensTest {
    @Test
    void agentTokensAre32RandomBytesBehindAPrefix() {
        String a = Tokens.newAgentToken();
        assertThat(a).matches("cra_[A-Za-z0-9_-]{43}");
        assertThat(Tokens.newAgentToken()).isNotEqualTo(a);
    }

    @Test
    void hashIsLowerCaseHexSha256() {
        assertThat(Tokens.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void readsOnlyBearerCredentials() {
        assertThat(Tokens.bearer("Bearer cra_x")).contains("cra_x");
        assertThat(Tokens.bearer("bearer   cra_x  ")).contains("cra_x");
        assertThat(Tokens.bearer("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(Tokens.bearer("Bearer ")).isEmpty();
        assertThat(Tokens.bearer("Bearer")).isEmpty();
        assertThat(Tokens.bearer(null)).isEmpty();
    }
}
