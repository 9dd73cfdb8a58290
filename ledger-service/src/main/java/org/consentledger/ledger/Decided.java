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

    /** A new event; its receipt is made once the store has given it an id. */
    record Record<E, R>(E event) implements Decided<E, R> {
    }

    /** Nothing new: the receipt of the event that recorded the same submission, marked as a replay. */
    record Replay<E, R>(R receipt) implements Decided<E, R> {
    }
}
