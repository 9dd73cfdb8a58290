package org.consentledger.projections.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.VisitorStream;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.projections.CatchUpWait;
import org.consentledger.projections.ParkedStreams;
import org.consentledger.projections.ReadModelBehind;
import org.consentledger.store.StoredStreams;
import org.consentledger.store.readmodels.ConsentHistoryTable;
import org.consentledger.verifier.Decision;
import org.consentledger.verifier.PointInTimeResolver;
import org.consentledger.verifier.SignalDecision;
import org.springframework.stereotype.Component;

/**
 * Finds the TC and GPP strings in force for a visitor from the consent history, through the same
 * {@link PointInTimeResolver} an auditor's fold of the event store uses, once the history holds every event of the
 * visitor's current stream.
 */
@Component
public class SignalAnswers {

    private final ConsentHistoryTable history;
    private final StoredStreams streams;
    private final ParkedStreams parked;
    private final VisitorStreams visitorStreams;

    public SignalAnswers(ConsentHistoryTable history, StoredStreams streams, ParkedStreams parked,
                      VisitorStreams visitorStreams) {
        this.history = history;
        this.streams = streams;
        this.parked = parked;
        this.visitorStreams = visitorStreams;
    }

    /**
     * The consent whose TC string is in force at the query's instants; empty when none is, or when the visitor was
     * erased and not seen since (answered as a visitor never seen).
     */
    public Optional<SignalDecision> tcfInForce(ConsentAt query) {
        return PointInTimeResolver.tcfAt(query, signals(query));
    }

    /** As {@link #tcfInForce}, for the GPP string. */
    public Optional<SignalDecision> gppInForce(ConsentAt query) {
        return PointInTimeResolver.gppAt(query, signals(query));
    }

    /** The visitor's consents with a string, once the history holds every event of their current stream. */
    private List<SignalDecision> signals(ConsentAt query) {
        if (history.rebuilding()) {
            throw new ReadModelBehind("a replay is rebuilding the consent history");
        }
        String first = visitorStreams.first(query.siteId(), query.visitorId());
        String current = visitorStreams.current(query.siteId(), query.visitorId(), new ArrayList<>());
        parked.refuseIfParked(List.of(current));
        String formatOne = current.equals(first) ? VisitorStream.formatOne(query.siteId(), query.visitorId()) : null;
        Map<String, Long> stored = streams.lastSequences(formatOne == null ? List.of(current)
                : List.of(current, formatOne));
        long last = stored.getOrDefault(current, -1L);
        long formatOneEvents = formatOne == null ? 0 : stored.getOrDefault(formatOne, -1L) + 1;
        String visitorKey = VisitorStreams.visitorKey(current);
        return CatchUpWait.until(() -> {
            List<ConsentHistoryTable.Row> rows = history.rowsOf(query.siteId(), visitorKey);
            List<Decision> decisions = rows.stream().map(ConsentHistoryTable.Row::decision).toList();
            if (!ConsentAnswers.holdsUpTo(decisions, last, formatOneEvents)) {
                return Optional.empty();
            }
            return Optional.of(rows.stream().filter(r -> r.tcf() != null || r.gpp() != null)
                    .map(r -> new SignalDecision(r.decision().eventId(), r.decision().sequence(),
                            r.decision().occurredAt(), r.decision().recordedAt(), r.tcf(), r.gpp()))
                    .toList());
        }, () -> "the consent history has not yet taken in every event of visitor '%s' on site '%s'"
                .formatted(query.visitorId(), query.siteId()));
    }
}
