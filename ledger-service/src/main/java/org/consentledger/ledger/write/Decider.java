package org.consentledger.ledger.write;

import org.consentledger.ledger.Decided;

/**
 * How the write path decides one kind of command: it names what the command needs loaded ({@link Target}), then
 * decides from those values alone, without a store or a framework.
 *
 * @param <C> the commands it decides
 */
public interface Decider<C> {

    /** Whether this decider takes the command. */
    boolean decides(Object command);

    /**
     * Where the command's event goes and what the decision reads.
     *
     * @param generation which of the visitor's streams: 0 for the first, one more for each stream erased before it
     *                   (a decider of streams that are never erased ignores it)
     */
    Target target(C command, int generation);

    /**
     * Whether the command is answered from an erased stream that holds its submission (an erasure sent again),
     * rather than taken to the visitor's next stream.
     */
    default boolean answeredFromErasedStream(C command) {
        return false;
    }

    /**
     * The key under which evidence format 1 indexed the command's client id, in the visitor's stream of that format;
     * null for a command format 1 had no client id for. A client id recorded before the ledger moved to format 2 and
     * sent again is then answered from the event that recorded it.
     */
    default String formatOneSubmissionKey(C command) {
        return null;
    }

    /**
     * The event to record, the receipt of the earlier event that recorded the same submission, or a refusal thrown
     * as a {@link org.consentledger.ledger.LedgerRejection}.
     */
    Decided<?, ?> decide(C command, Situation situation);

    /** What the ledger answers for an event this decider recorded for the command, with its personal part. */
    Object receipt(C command, String eventId, Object event, Object personal);

    /** The type the store keeps with each event of the stream (Axon's aggregate type column). */
    String streamType();

    /**
     * @param stream        the stream the event is appended to
     * @param site          the site whose state ({@link SiteState}) the decision reads
     * @param submissionKey the key under which the stream's submission index holds the command's client id, or null
     *                      for a command whose replays the decision finds in the site's state
     */
    record Target(String stream, String site, String submissionKey) {
    }
}
