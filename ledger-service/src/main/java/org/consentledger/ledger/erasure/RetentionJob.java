package org.consentledger.ledger.erasure;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import org.consentledger.api.erasure.EraseSubject;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.ledger.write.LedgerWriter;
import org.consentledger.ledger.write.Outcome;
import org.consentledger.store.readmodels.ConsentHistoryTable;
import org.consentledger.store.readmodels.PolicyCatalogTable;
import org.consentledger.verifier.EventHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Storage limitation (GDPR art. 5(1)(e)): erases, as {@code subject.erased} with reason {@code retention}, every
 * visitor whose last decision is older than the site's retention (its policy's {@code retention}, else
 * {@code ledger.retention.erase-after}), a bounded batch per site at a time. Each erasure's id comes from its stream,
 * so a run that finds a stream the read models have not dropped yet erases nothing twice.
 */
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final PolicyCatalogTable catalog;
    private final PublishedPolicies policies;
    private final ConsentHistoryTable history;
    private final LedgerWriter writer;
    private final RetentionProperties properties;
    private final Clock clock;

    public RetentionJob(PolicyCatalogTable catalog, PublishedPolicies policies, ConsentHistoryTable history,
                        LedgerWriter writer, RetentionProperties properties, Clock clock) {
        this.catalog = catalog;
        this.policies = policies;
        this.history = history;
        this.writer = writer;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ledger.retention.check-every:PT1H}", initialDelayString = "PT1M")
    public void eraseExpired() {
        for (String site : catalog.sites()) {
            try {
                int erased = eraseExpired(site);
                if (erased > 0) {
                    log.info("Erased {} visitors of {} whose last decision passed its retention", erased, site);
                }
            } catch (RuntimeException e) {
                log.warn("Retention could not erase the visitors of {} this time: {}", site, e.toString());
            }
        }
    }

    /** @return how many visitors of the site were erased */
    public int eraseExpired(String site) {
        Instant now = clock.instant();
        Period retention = policies.versionsOf(site).inForceAt(now).map(CookiePolicy::retention).orElse(null);
        if (retention == null) {
            retention = properties.eraseAfter();
        }
        if (retention == null) {
            return 0;
        }
        Instant cutoff = now.atOffset(ZoneOffset.UTC).minus(retention).toInstant();
        List<EraseSubject> erasures = history.visitorsLastRecordedBefore(site, cutoff, properties.batch()).stream()
                .map(key -> site + "/" + key)
                .map(stream -> EraseSubject.ofStream(site, stream, erasureId(stream), "retention"))
                .toList();
        if (erasures.isEmpty()) {
            return 0;
        }
        return (int) writer.record(erasures).stream().filter(Outcome::recorded).count();
    }

    /** The same for every run that finds the stream, and names no visitor. */
    static String erasureId(String stream) {
        return "retention-" + EventHash.sha256Hex(stream.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
