package io.callready.advice;

/**
 * How much more data an {@code insufficient_data} verdict waits for.
 *
 * @param samples       more quality samples needed
 * @param loadedSamples more samples at or above the loaded utilisation needed
 */
public record SamplesNeeded(int samples, int loadedSamples) {
}
