package org.consentledger.projections.consent;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.projections.CatchUpWait;
import org.consentledger.projections.ParkedStreams;
import org.consentledger.projections.ReadModelBehind;
import org.consentledger.projections.policy.PolicyCatalogProjection;
import org.consentledger.store.StoredStreams;
import org.consentledger.store.readmodels.ConsentHistoryTable;
import org.consentledger.store.readmodels.HistorySnapshot;
import org.consentledger.verifier.Decision;
import org.consentledger.verifier.PointInTimeResolver;
import org.springframework.stereotype.Component;

/**
 * Answers {@link ConsentAt} from the consent history through the same {@link PointInTimeResolver} an auditor's fold
 * of the event store uses, only from read models holding every event the store held for the visitor and the site's
 * policy when asked: the catalog and the history each follow the store by a moment, and are rebuilt during a replay.
 */
@Component
public class ConsentAnswers {

    private final ConsentHistoryTable history;
    private final PolicyCatalogProjection policies;
    private final StoredStreams streams;
    private final ParkedStreams parked;
    private final VisitorStreams visitorStreams;

    public ConsentAnswers(ConsentHistoryTable history, PolicyCatalogProjection policies, StoredStreams streams,
                          ParkedStreams parked, VisitorStreams visitorStreams) {
        this.history = history;
        this.policies = policies;
        this.streams = streams;
        this.parked = parked;
        this.visitorStreams = visitorStreams;
    }

    /**
     * Read first from the visitor's first stream, which the read of the read models' standing also says whether it
     * was erased; only then are the visitor's later streams looked up.
     */
    @QueryHandler
    public Optional<ConsentAnswer> answer(ConsentAt query) {
        return answer(query, visitorStreams.first(query.siteId(), query.visitorId()), true);
    }

    private Optional<ConsentAnswer> answer(ConsentAt query, String visitorStream, boolean mayBeErased) {
        String visitorKey = VisitorStreams.visitorKey(visitorStream);
        HistorySnapshot snapshot = history.snapshot(query.siteId(), visitorStream, () -> history.visibleDecisions(
                query.siteId(), visitorKey, query.at(), query.asOf()));
        if (snapshot.rebuilding()) {
            throw new ReadModelBehind("a replay is rebuilding the consent history");
        }
        if (mayBeErased && snapshot.streamErased()) {
            return answer(query, visitorStreams.current(query.siteId(), query.visitorId()), false);
        }
        if (snapshot.parkedStream() != null) {
            parked.refuseIfParked(List.of(snapshot.parkedStream()));
        }
        if (snapshot.whole()) {
            // Both read models held every event the store held as they were read: no stream needs checking.
            if (snapshot.versions() == 0) {
                return Optional.empty();
            }
            Optional<List<CookiePolicyPublished>> known = policies.versions(query.siteId(), snapshot.versions());
            if (known.isPresent()) {
                return Optional.of(PointInTimeResolver.resolve(query, known.get(), snapshot.history()));
            }
        }
        return fromTheStoresPositions(query, mayBeErased
                ? visitorStreams.current(query.siteId(), query.visitorId()) : visitorStream);
    }

    /** Asks the store how far the site's and the visitor's streams go, and waits until the read models hold that. */
    private Optional<ConsentAnswer> fromTheStoresPositions(ConsentAt query, String visitorStream) {
        parked.refuseIfParked(List.of(query.siteId(), visitorStream));
        Map<String, Long> stored = streams.lastSequences(List.of(query.siteId(), visitorStream));
        if (!stored.containsKey(query.siteId())) {
            return Optional.empty();
        }
        // Each event of a site's stream publishes one version.
        long versions = stored.get(query.siteId()) + 1;
        long visitorEvents = stored.getOrDefault(visitorStream, -1L);
        return Optional.of(CatchUpWait.until(() -> policies.versions(query.siteId(), versions).flatMap(known -> {
            List<Decision> decisions = history.decisions(query.siteId(), VisitorStreams.visitorKey(visitorStream));
            return holdsUpTo(decisions, visitorEvents)
                    ? Optional.of(PointInTimeResolver.resolve(query, known, decisions)) : Optional.empty();
        }), () -> "the read models have not yet taken in every event of visitor '%s' on site '%s'"
                .formatted(query.visitorId(), query.siteId())));
    }

    /**
     * Whether the decisions include each of the stream's events up to {@code lastSequence} (every event of a
     * visitor's stream is a decision). Read in one statement, so a replay emptying the table in between cannot make
     * an incomplete history look whole.
     */
    static boolean holdsUpTo(List<Decision> history, long lastSequence) {
        BitSet held = new BitSet();
        history.forEach(d -> held.set(Math.toIntExact(d.sequence())));
        return held.nextClearBit(0) > lastSequence;
    }
}
