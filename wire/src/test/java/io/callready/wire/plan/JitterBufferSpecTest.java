package io.callready.wire.plan;

import io.callready.wire.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JitterBufferSpecTest {

    @Test
    void defaultsDependOnTheMode() {
        assertThat(JitterBufferSpec.DEFAULT).isEqualTo(JitterBufferSpec.adaptive(200));
        assertThat(new JitterBufferSpec(JitterBufferMode.FIXED, null)).isEqualTo(JitterBufferSpec.fixed(60));
    }

    @Test
    void parsesTheCommandLineForm() {
        assertThat(JitterBufferSpec.parse("fixed:40")).isEqualTo(JitterBufferSpec.fixed(40));
        assertThat(JitterBufferSpec.parse("adaptive")).isEqualTo(JitterBufferSpec.adaptive(200));
        assertThat(JitterBufferSpec.fixed(40)).hasToString("fixed:40");
        assertThatThrownBy(() -> JitterBufferSpec.parse("fixed:forty")).hasMessageContaining("write fixed:60 or adaptive:200");
        assertThatThrownBy(() -> JitterBufferSpec.parse("fixed:0")).hasMessage("ms must be 1..1000, got 0");
    }

    @Test
    void travelsInAPlanAsSnakeCaseJson() throws Exception {
        var spec = new RtpBurstSpec("hq", null, "r:5004", null, null, null, null, JitterBufferSpec.fixed(80), 40000);
        String json = Json.newMapper().writerFor(ProbeSpec.class).writeValueAsString(spec);
        assertThat(json).contains("\"kind\":\"rtp_burst\"").contains("\"jitter_buffer\":{\"mode\":\"fixed\",\"ms\":80}")
                .contains("\"source_port\":40000");
        assertThat(Json.newMapper().readValue(json, ProbeSpec.class)).isEqualTo(spec);
        var stamp = new StampSpec(null, null, "192.0.2.1:862", null, null, null, null, null, null, null);
        assertThat(stamp.name()).isEqualTo("stamp-192.0.2.1:862");
        assertThat(stamp.reflectorMode()).isEqualTo(StampReflectorMode.STATELESS);
        assertThat(Json.newMapper().readValue(Json.newMapper().writerFor(ProbeSpec.class).writeValueAsString(stamp), ProbeSpec.class))
                .isEqualTo(stamp);
    }
}
