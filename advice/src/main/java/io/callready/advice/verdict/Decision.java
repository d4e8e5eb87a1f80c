package io.callready.advice.verdict;

import io.callready.advice.Confidence;
import io.callready.advice.SamplesNeeded;
import io.callready.advice.Verdict;

import java.util.List;

/** What {@link VerdictRules} decided, with the sentences that justify it. */
public record Decision(Verdict verdict, Confidence confidence, List<String> evidence, List<String> notes,
                       SamplesNeeded samplesNeeded) {
}
