package org.consentledger.projections.consent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.VisitorConsent;
import org.consentledger.api.consent.VisitorStream;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.projections.CatchUpWait;
import org.consentledger.projections.ParkedStreams;
import org.consentledger.projections.ReadModelBehind;
import org.consentledger.projections.policy.PolicyCatalogProjection;
import org.consentledger.store.StoredPolicyEvents;
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
    private final StoredPolicyEvents policyEvents;
    private final ParkedStreams parked;
    private final VisitorStreams visitorStreams;
    private final Duration renewBefore;

    public ConsentAnswers(ConsentHistoryTable history, PolicyCatalogProjection policies, StoredStreams streams,
                          StoredPolicyEvents policyEvents, ParkedStreams parked, VisitorStreams visitorStreams,
                          RenewalWindow renewal) {
        this.renewBefore = renewal.renewBefore();
        this.history = history;
        this.policies = policies;
        this.streams = streams;
        this.policyEvents = policyEvents;
        this.parked = parked;
        this.visitorStreams = visitorStreams;
    }

    /**
     * Read first from the visitor's first stream, which the read of the read models' standing also says whether it
     * was erased; only then are the visitor's later streams, and their erasures, looked up. Erasures start with the
     * first stream, so a visitor whose first stream stands was never erased.
     */
    @QueryHandler
    public Optional<VisitorConsent> answer(ConsentAt query) {
        return answer(query, visitorStreams.first(query.siteId(), query.visitorId()), null);
    }

    /** @param erased the visitor's erasures, known once {@code visitorStream} is their current stream; else null */
    private Optional<VisitorConsent> answer(ConsentAt query, String visitorStream,
                                            List<VisitorStreams.Erasure> erased) {
        String visitorKey = VisitorStreams.visitorKey(visitorStream);
        HistorySnapshot snapshot = history.snapshot(query.siteId(), visitorStream, () -> history.visibleDecisions(
                query.siteId(), visitorKey, query.at(), query.asOf()));
        if (snapshot.rebuilding()) {
            throw new ReadModelBehind("a replay is rebuilding the consent history");
        }
        if (erased == null && snapshot.streamErased()) {
            List<VisitorStreams.Erasure> found = new ArrayList<>();
            return answer(query, visitorStreams.current(query.siteId(), query.visitorId(), found), found);
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
                return Optional.of(new VisitorConsent(PointInTimeResolver.resolve(query, known.get(),
                        snapshot.history(), renewBefore), last(erased)));
            }
        }
        List<VisitorStreams.Erasure> erasures = erased != null ? erased : new ArrayList<>();
        String current = erased != null ? visitorStream
                : visitorStreams.current(query.siteId(), query.visitorId(), erasures);
        return fromTheStoresPositions(query, current).map(answer -> new VisitorConsent(answer, last(erasures)));
    }

    private static VisitorStreams.Erasure last(List<VisitorStreams.Erasure> erased) {
        return erased == null || erased.isEmpty() ? null : erased.get(erased.size() - 1);
    }

    /**
     * Asks the store how far the site's and the visitor's streams go (with the visitor's format 1 stream, which the
     * first pseudonymous stream's rows include), and waits until the read models hold that.
     */
    private Optional<ConsentAnswer> fromTheStoresPositions(ConsentAt query, String visitorStream) {
        parked.refuseIfParked(List.of(query.siteId(), visitorStream));
        String formatOne = visitorStream.equals(visitorStreams.first(query.siteId(), query.visitorId()))
                ? VisitorStream.formatOne(query.siteId(), query.visitorId()) : null;
        Map<String, Long> stored = streams.lastSequences(formatOne == null ? List.of(query.siteId(), visitorStream)
                : List.of(query.siteId(), visitorStream, formatOne));
        if (!stored.containsKey(query.siteId())) {
            return Optional.empty();
        }
        // The site's stream holds its notices too: its versions are counted.
        long versions = policyEvents.policyEvents(query.siteId());
        long visitorEvents = stored.getOrDefault(visitorStream, -1L);
        long formatOneEvents = formatOne == null ? 0 : stored.getOrDefault(formatOne, -1L) + 1;
        return Optional.of(CatchUpWait.until(() -> policies.versions(query.siteId(), versions).flatMap(known -> {
            List<Decision> decisions = history.decisions(query.siteId(), VisitorStreams.visitorKey(visitorStream));
            return holdsUpTo(decisions, visitorEvents, formatOneEvents)
                    ? Optional.of(PointInTimeResolver.resolve(query, known, decisions, renewBefore)) : Optional.empty();
        }), () -> "the read models have not yet taken in every event of visitor '%s' on site '%s'"
                .formatted(query.visitorId(), query.siteId())));
    }

    /**
     * Whether the decisions include each of the stream's events up to {@code lastSequence} (every event of a
     * visitor's stream is a decision). Read in one statement, so a replay emptying the table in between cannot make
     * an incomplete history look whole.
     */
    static boolean holdsUpTo(List<Decision> history, long lastSequence) {
        return holdsUpTo(history, lastSequence, 0);
    }

    /**
     * As {@link #holdsUpTo(List, long)}, the history also holding the {@code formatOneEvents} decisions of the
     * visitor's format 1 stream. Their sequence numbers overlap the stream's own, so they are counted instead: the
     * history took them all in before it answered anything after the upgrade (it was rebuilt), and it takes a stream's
     * events in order, so the stream's rows are its first ones.
     */
    static boolean holdsUpTo(List<Decision> history, long lastSequence, long formatOneEvents) {
        if (formatOneEvents > 0) {
            return history.size() - formatOneEvents > lastSequence;
        }
        BitSet held = new BitSet();
        history.forEach(d -> held.set(Math.toIntExact(d.sequence())));
        return held.nextClearBit(0) > lastSequence;
    }
}
