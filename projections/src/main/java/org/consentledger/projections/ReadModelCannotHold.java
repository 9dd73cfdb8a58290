package org.consentledger.projections;

/**
 * An event holds a value larger than the read model's column for it. Thrown by the handler before anything is
 * written, so that the processor parks the event's stream instead of retrying a batch that can never commit.
 */
public class ReadModelCannotHold extends RuntimeException {

    public ReadModelCannotHold(String readModel, String column, int length, int limit) {
        super("%s.%s holds at most %d characters, the event has %d".formatted(readModel, column, limit, length));
    }
}
