package io.callready.collector.qos;

import io.callready.advice.QosAssessment;
import io.callready.advice.SiteFacts;

/** What qos_assessments.assessment holds: the advisor's answer and the facts it was computed with. */
public record StoredAssessment(QosAssessment assessment, SiteFacts facts) {
}
