package org.consentledger.ledger.consent;

import org.consentledger.api.consent.Receipt;

/**
 * What a visitor's decision becomes once the rules have taken it: a new event to record, or, for a client id used
 * before with the same content, the earlier event's receipt again. A refusal is thrown, naming the field at fault.
 */
public sealed interface Decided<E> {

    /** A new event; its receipt is made once the store has given it an id. */
    record Record<E>(E event) implements Decided<E> {
    }

    /** Nothing new: the receipt of the event that recorded the same submission, marked as a replay. */
    record Replay<E>(Receipt receipt) implements Decided<E> {
    }
}
