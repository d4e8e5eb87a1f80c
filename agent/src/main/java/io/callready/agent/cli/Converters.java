package io.callready.agent.cli;

import io.callready.agent.config.SnmpCredentials;
import io.callready.wire.plan.DurationText;
import io.callready.wire.plan.JitterBufferSpec;
import io.callready.wire.plan.StampReflectorMode;
import io.callready.wire.rtp.Codec;
import picocli.CommandLine;

import java.time.Duration;

/** Command-line value parsers that share the config file's wording. */
final class Converters {
    private Converters() {
    }

    static final class CodecConverter implements CommandLine.ITypeConverter<Codec> {
        @Override
        public Codec convert(String value) {
            return Codec.fromWireName(value);
        }
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationText.parse(value);
        }
    }

    static final class JitterBufferConverter implements CommandLine.ITypeConverter<JitterBufferSpec> {
        @Override
        public JitterBufferSpec convert(String value) {
            return JitterBufferSpec.parse(value);
        }
    }

    static final class StampModeConverter implements CommandLine.ITypeConverter<StampReflectorMode> {
        @Override
        public StampReflectorMode convert(String value) {
            return StampReflectorMode.fromWireName(value);
        }
    }

    static final class AuthProtocolConverter implements CommandLine.ITypeConverter<SnmpCredentials.AuthProtocol> {
        @Override
        public SnmpCredentials.AuthProtocol convert(String value) {
            return SnmpCredentials.AuthProtocol.parse(value);
        }
    }

    static final class PrivProtocolConverter implements CommandLine.ITypeConverter<SnmpCredentials.PrivProtocol> {
        @Override
        public SnmpCredentials.PrivProtocol convert(String value) {
            return SnmpCredentials.PrivProtocol.parse(value);
        }
    }
}
