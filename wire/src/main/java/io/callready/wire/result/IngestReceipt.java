package io.callready.wire.result;

/** Answer to an accepted batch: how many results were new and how many were already stored. */
public record IngestReceipt(int accepted, int duplicates) {
}
