package io.callready.wire.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.UUID;

/**
 * One result of a batch the collector did not store.
 *
 * @param index  0-based position in the batch
 * @param id     the result's id, or null when it had none (or none that could be read)
 * @param errors every field at fault, named from the batch ({@code results[3].metrics.rtt_min_ms})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RejectedResult(int index, UUID id, List<ResultRules.Violation> errors) {

    public RejectedResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
