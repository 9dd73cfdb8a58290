package org.consentledger.ledger.erasure;

import java.util.List;
import org.consentledger.api.consent.VisitorStream;
import org.consentledger.api.erasure.RedactedEvent;
import org.consentledger.api.erasure.SubjectErased;
import org.consentledger.ledger.personal.DataKeys;
import org.consentledger.ledger.write.AppendEffect;
import org.consentledger.ledger.write.GroupDecisions.NewEvent;
import org.consentledger.store.personal.ErasedStreams;
import org.consentledger.store.personal.FormatOneStreams;

/**
 * What an erasure does besides its event, in the same transaction: destroys the stream's data key, so that no
 * personal part of its events opens again, redacts the visitor's events of evidence format 1 (which had no personal
 * part apart), and records the stream as erased, so that the visitor is answered as
 * erased and their next decision starts a new stream.
 */
class ErasureEffects implements AppendEffect {

    private final DataKeys keys;
    private final ErasedStreams erased;
    private final FormatOneStreams formatOne;

    ErasureEffects(DataKeys keys, ErasedStreams erased, FormatOneStreams formatOne) {
        this.keys = keys;
        this.erased = erased;
        this.formatOne = formatOne;
    }

    @Override
    public void staged(List<NewEvent> events) {
        for (NewEvent event : events) {
            if (event.payload() instanceof SubjectErased erasure) {
                keys.destroy(event.stream());
                formatOne.redact(event.stream(), VisitorStream.formatOneRedacted(event.stream()),
                        RedactedEvent.REVISION);
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
