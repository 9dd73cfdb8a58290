package org.consentledger.projections.consent;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenV1;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.ConsentWithdrawnV1;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.erasure.SubjectErased;
import org.consentledger.api.signals.GppConsent;
import org.consentledger.api.signals.TcfConsent;
import org.consentledger.projections.ColumnLimits;
import org.consentledger.projections.ReadModelPosition;
import org.consentledger.projections.ReadModelProcessor;
import org.consentledger.store.readmodels.ColumnWidths;
import org.consentledger.store.readmodels.ConsentHistoryTable;
import org.consentledger.store.readmodels.ReadModelNames;
import org.consentledger.store.readmodels.ReadModelPositions;
import org.consentledger.support.PerBatch;
import org.consentledger.verifier.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Keeps every visitor's decisions ({@link ConsentHistoryTable}), indexed by visitor and occurrence time, one row per
 * consent event, written a processor batch at a time; {@link ConsentAnswers} answers from them.
 */
@Component
@ProcessingGroup(ReadModelProcessor.NAME)
public class ConsentHistoryProjection implements SmartInitializingSingleton {

    public static final String NAME = ReadModelNames.CONSENT_HISTORY;

    private static final Logger log = LoggerFactory.getLogger(ConsentHistoryProjection.class);

    private final ConsentHistoryTable table;
    private final ReadModelPosition position;
    private final ColumnLimits columns;
    private final VisitorStreams visitorStreams;
    /** The processor's batch of decisions, written together just before its transaction commits. */
    private final PerBatch<List<ConsentHistoryTable.Row>> pending;

    public ConsentHistoryProjection(ConsentHistoryTable table, ReadModelPositions positions, ColumnWidths widths,
                                    VisitorStreams visitorStreams) {
        this.table = table;
        this.visitorStreams = visitorStreams;
        this.columns = new ColumnLimits(widths, NAME, "consent_history");
        this.pending = PerBatch.<List<ConsentHistoryTable.Row>>of(NAME, ArrayList::new).beforeCommit(table::insertNew);
        // After each batch, the visitor index is created if a replay's rebuild is now done.
        this.position = new ReadModelPosition(NAME, positions, this::createIndexIfRebuilt);
    }

    @EventHandler
    void on(ConsentGiven event, DomainEventMessage<?> message, TrackingToken token) {
        insert(event.siteId(), VisitorStreams.visitorKey(message.getAggregateIdentifier()),
                Decision.of(event, message.getIdentifier(), message.getSequenceNumber()), event.tcf(), event.gpp());
        position.reached(token);
    }

    @EventHandler
    void on(ConsentWithdrawn event, DomainEventMessage<?> message, TrackingToken token) {
        insert(event.siteId(), VisitorStreams.visitorKey(message.getAggregateIdentifier()),
                Decision.of(event, message.getIdentifier(), message.getSequenceNumber()));
        position.reached(token);
    }

    /**
     * An erased stream's rows go, those of the batch not yet written included; a replay inserts them with the stream's
     * events and deletes them again at its erasure.
     */
    @EventHandler
    void on(SubjectErased event, DomainEventMessage<?> message, TrackingToken token) {
        String visitorKey = VisitorStreams.visitorKey(message.getAggregateIdentifier());
        pending.current().removeIf(row -> row.siteId().equals(event.siteId()) && row.visitorId().equals(visitorKey));
        table.deleteVisitor(event.siteId(), visitorKey);
        position.reached(token);
    }

    /**
     * Format 1 events, written before visitor streams were named by a keyed hash: kept under the key of the visitor's
     * first pseudonymous stream, with the decisions the visitor made since, and erased with them.
     */
    @EventHandler
    void on(ConsentGivenV1 event, @MessageIdentifier String eventId, @SequenceNumber long sequence,
            TrackingToken token) {
        insert(event.siteId(), firstStreamKey(event.siteId(), event.visitorId()), Decision.of(event, eventId, sequence));
        position.reached(token);
    }

    @EventHandler
    void on(ConsentWithdrawnV1 event, @MessageIdentifier String eventId, @SequenceNumber long sequence,
            TrackingToken token) {
        insert(event.siteId(), firstStreamKey(event.siteId(), event.visitorId()), Decision.of(event, eventId, sequence));
        position.reached(token);
    }

    private String firstStreamKey(String siteId, String visitorId) {
        return VisitorStreams.visitorKey(visitorStreams.first(siteId, visitorId));
    }

    /**
     * Every other event still moves the position: it is not a decision, and the history holds all before it.
     * It takes no payload, so that the event is not deserialized for it.
     */
    @EventHandler(payloadType = Object.class)
    void passed(TrackingToken token) {
        position.reached(token);
    }

    /** Checked here, while the handler can still fail alone: the rows are written together when the batch commits. */
    private void insert(String siteId, String visitorId, Decision d) {
        insert(siteId, visitorId, d, null, null);
    }

    private void insert(String siteId, String visitorId, Decision d, TcfConsent tcf, GppConsent gpp) {
        columns.check("site_id", siteId);
        columns.check("visitor_id", visitorId);
        columns.check("event_id", d.eventId());
        columns.check("granted", String.join(",", d.granted()));
        columns.check("denied", String.join(",", d.denied()));
        columns.check("withdrawn", String.join(",", d.withdrawn()));
        columns.check("opted_out", String.join(",", d.optedOut()));
        columns.check("notice_id", d.noticeId());
        pending.current().add(new ConsentHistoryTable.Row(siteId, visitorId, d, tcf, gpp));
    }

    private void createIndexIfRebuilt() {
        try {
            table.createVisitorIndexIfRebuilt();
        } catch (RuntimeException e) {
            // The batch has committed; the next batch, or the next start, tries again.
            log.warn("Could not create the consent history's visitor index yet", e);
        }
    }

    /** Empties the history before a replay, in the replay's reset transaction (or owes it, on H2). */
    @ResetHandler
    void reset() {
        position.forget();
        table.emptyForReplay();
    }

    /** Empties the history if a committed reset left that owed; before the processor runs, outside a transaction. */
    public void finishReset() {
        table.finishOwedEmptying();
    }

    /**
     * Runs before the processors start, so a replay interrupted by a stop never lands on the old rows, and one that
     * stopped between its last batch and creating the visitor index does not leave it missing.
     */
    @Override
    public void afterSingletonsInstantiated() {
        finishReset();
        table.createVisitorIndexIfRebuilt();
    }

    /** Whether a replay is still inserting the history without its visitor index: it answers nothing until then. */
    public boolean rebuilding() {
        return table.rebuilding();
    }
}
