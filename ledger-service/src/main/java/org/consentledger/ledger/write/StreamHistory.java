package org.consentledger.ledger.write;

import java.util.Map;

/**
 * What the write path knows of one stream: its last position and where each client submission it holds was
 * recorded. That is all a decision needs of a visitor's stream; the events themselves are read only for an id that
 * comes back.
 *
 * @param head        sequence number of the stream's last event, -1 for a stream without events
 * @param submissions each submission key ({@link org.consentledger.ledger.store.SubmissionKeys}) to its position
 * @param erased      whether the stream was erased: it takes no event again, and the visitor's next one starts a
 *                    new stream (found once, from its submissions, as the history is made)
 * @param formatOne   whether the visitor's events of evidence format 1, in a stream of their own, go with this one
 *                    (it is their first pseudonymous stream): erasing it redacts them too
 */
public record StreamHistory(long head, Map<String, Long> submissions, boolean erased, boolean formatOne) {

    static final StreamHistory EMPTY = new StreamHistory(-1, Map.of());

    /** The submission kind of an erasure: the event that closes a visitor's stream for good. */
    public static final String ERASURE = "erasure";

    public StreamHistory {
        submissions = Map.copyOf(submissions);
    }

    public StreamHistory(long head, Map<String, Long> submissions) {
        this(head, submissions, submissions.keySet().stream().anyMatch(key -> key.startsWith(ERASURE + ":")), false);
    }

    public StreamHistory(long head, Map<String, Long> submissions, boolean erased) {
        this(head, submissions, erased, false);
    }

    /** This history, for the first pseudonymous stream of a visitor who has events of format 1. */
    StreamHistory withFormatOne() {
        return new StreamHistory(head, submissions, erased, true);
    }
}
