package org.consentledger.ledger.store;

/**
 * Names the client submission an event records, as the store's {@link SubmissionIndex} keeps it. The features
 * whose events are submissions say what their keys are; the store only writes them.
 */
@FunctionalInterface
public interface SubmissionKeys {

    /** The key of the submission the event payload records; null for an event that records none. */
    String of(Object payload);
}
