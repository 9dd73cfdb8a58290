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
 * @param formatOne   the visitor's stream of evidence format 1, when it goes with this one (their first pseudonymous
 *                    stream): erasing this one redacts it too, and a client id it holds is not recorded again; null
 *                    for none
 */
public record StreamHistory(long head, Map<String, Long> submissions, boolean erased, FormatOne formatOne) {

    /**
     * A visitor's stream of evidence format 1, named by the visitor id.
     *
     * @param submissions each client id it holds, as format 1 indexed it ({@code consent:<consentId>}), to its position
     */
    public record FormatOne(String stream, Map<String, Long> submissions) {

        public FormatOne {
            submissions = Map.copyOf(submissions);
        }
    }

    static final StreamHistory EMPTY = new StreamHistory(-1, Map.of());

    /** The submission kind of an erasure: the event that closes a visitor's stream for good. */
    public static final String ERASURE = "erasure";

    public StreamHistory {
        submissions = Map.copyOf(submissions);
    }

    public StreamHistory(long head, Map<String, Long> submissions) {
        this(head, submissions, submissions.keySet().stream().anyMatch(key -> key.startsWith(ERASURE + ":")), null);
    }

    public StreamHistory(long head, Map<String, Long> submissions, boolean erased) {
        this(head, submissions, erased, null);
    }

    /** This history, for the first pseudonymous stream of a visitor who has events of format 1. */
    StreamHistory withFormatOne(FormatOne formatOne) {
        return new StreamHistory(head, submissions, erased, formatOne);
    }
}
