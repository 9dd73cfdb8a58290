package org.consentledger.ledger;

/**
 * What a submission becomes once the rules have taken it: a new event to record, or, for a client id (or policy
 * version) used before with the same content, the earlier event's receipt again. A refusal is thrown, naming the
 * field at fault.
 *
 * @param <E> the event recorded
 * @param <R> the receipt answered
 */
public sealed interface Decided<E, R> {

    /**
     * A new event; its receipt is made once the store has given it an id.
     *
     * @param personal the event's personal part, which the write path seals before the event is stored; null for
     *                 an event without one
     */
    record Record<E, R>(E event, Object personal) implements Decided<E, R> {

        public Record(E event) {
            this(event, null);
        }
    }

    /** Nothing new: the receipt of the event that recorded the same submission, marked as a replay. */
    record Replay<E, R>(R receipt) implements Decided<E, R> {
    }
}
