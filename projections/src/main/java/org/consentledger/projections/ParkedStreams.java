package org.consentledger.projections;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.consentledger.store.readmodels.DeadLetters;
import org.springframework.stereotype.Component;

/**
 * Streams whose events the read models could not apply, parked in the read-model processor's dead-letter queue
 * (Axon's table {@code dead_letter_entry}, sequenced by stream) while every other stream goes on. The read models'
 * position moves past a parked event, so a read model that looks whole still lacks the events of a parked stream:
 * every answer asks here about the streams it is made of.
 */
@Component
public class ParkedStreams {

    private final DeadLetters deadLetters;

    public ParkedStreams(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** The first of these streams that has an event parked, with the reason its oldest one could not be applied. */
    public Optional<StreamParked> among(Collection<String> streams) {
        return deadLetters.firstAmong(ReadModelProcessor.NAME, streams)
                .map(parked -> new StreamParked(parked.stream(), parked.cause()));
    }

    /** Every stream with an event parked: the read models hold none of their events from the first parked on. */
    public Set<String> all() {
        return deadLetters.streams(ReadModelProcessor.NAME);
    }

    /** Throws {@link StreamParked} when one of these streams is parked. */
    public void refuseIfParked(Collection<String> streams) {
        Optional<StreamParked> parked = among(streams);
        if (parked.isPresent()) {
            throw parked.get();
        }
    }
}
