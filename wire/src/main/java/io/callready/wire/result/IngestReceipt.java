package io.callready.wire.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * Answer to a batch the collector could read: how many results were new, how many were already stored, and which
 * were refused (by their 0-based index in the batch, with every field at fault). Readers ignore members they do
 * not know, so the collector may add some later.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IngestReceipt(int accepted, int duplicates, List<RejectedResult> rejected) {

    public IngestReceipt {
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }

    public IngestReceipt(int accepted, int duplicates) {
        this(accepted, duplicates, List.of());
    }
}
