package org.consentledger.ledger.erasure;

import java.util.List;
import org.consentledger.api.erasure.SubjectErased;
import org.consentledger.ledger.personal.DataKeys;
import org.consentledger.ledger.write.AppendEffect;
import org.consentledger.ledger.write.GroupDecisions.NewEvent;
import org.consentledger.store.personal.ErasedStreams;

/**
 * What an erasure does besides its event, in the same transaction: destroys the stream's data key, so that no
 * personal part of its events opens again, and records the stream as erased, so that the visitor is answered as
 * erased and their next decision starts a new stream.
 */
class ErasureEffects implements AppendEffect {

    private final DataKeys keys;
    private final ErasedStreams erased;

    ErasureEffects(DataKeys keys, ErasedStreams erased) {
        this.keys = keys;
        this.erased = erased;
    }

    @Override
    public void staged(List<NewEvent> events) {
        for (NewEvent event : events) {
            if (event.payload() instanceof SubjectErased erasure) {
                keys.destroy(event.stream());
                erased.record(new ErasedStreams.Erased(event.stream(), erasure.siteId(), erasure.erasureId(),
                        erasure.reason(), erasure.requestedAt(), erasure.recordedAt()));
            }
        }
    }

    @Override
    public void committed(List<NewEvent> events) {
        // A group that sealed for the stream while this one destroyed its key must not leave it in memory.
        events.stream().filter(e -> e.payload() instanceof SubjectErased).forEach(e -> keys.forget(e.stream()));
    }
}
