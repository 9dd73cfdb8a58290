package org.consentledger.projections;

/**
 * An answer needed a stream whose events the read models could not apply: they are parked until an operator has
 * fixed the cause and retried them, so no answer is made from a history that lacks them.
 */
public class StreamParked extends ReadModelBehind {

    private final String stream;

    public StreamParked(String stream, String cause) {
        super("the events of stream '%s' are parked: the read models could not apply them (%s); an operator must fix "
                .formatted(stream, cause) + "the cause and retry them");
        this.stream = stream;
    }

    public String stream() {
        return stream;
    }
}
