package org.consentledger.projections;

/**
 * A read model still lacked events the event store held when it was asked, and did not take them in within the
 * wait: the answer would have been incomplete, so there is none. Asking again shortly succeeds.
 */
public class ReadModelBehind extends RuntimeException {

    public ReadModelBehind(String message) {
        super(message);
    }
}
