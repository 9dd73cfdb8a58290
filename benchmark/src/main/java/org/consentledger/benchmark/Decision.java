package org.consentledger.benchmark;

import java.util.List;

/**
 * One consent or withdrawal as a client submits it.
 *
 * @param body      the JSON of the single endpoint's request; the batch endpoint takes the same object
 * @param duplicate a resubmission of an earlier decision, byte for byte: the ledger answers 200, records nothing
 */
record Decision(String siteId, String visitorId, boolean withdrawal, String submissionId, String body,
                boolean duplicate) {

    Decision asDuplicate() {
        return new Decision(siteId, visitorId, withdrawal, submissionId, body, true);
    }

    /** {@code {"decisions":[{"visitorId":"v1","consent":{...}}, {"visitorId":"v2","withdrawal":{...}}]}} */
    static String batchBody(List<Decision> decisions) {
        StringBuilder s = new StringBuilder(decisions.size() * 400).append("{\"decisions\":[");
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            if (i > 0) {
                s.append(',');
            }
            s.append("{\"visitorId\":\"").append(d.visitorId()).append("\",\"")
                    .append(d.withdrawal() ? "withdrawal" : "consent").append("\":").append(d.body()).append('}');
        }
        return s.append("]}").toString();
    }
}
