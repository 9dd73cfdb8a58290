package org.consentledger.ledger.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.consentledger.api.notice.Notice;
import org.consentledger.api.notice.NoticeReceipt;
import org.consentledger.api.notice.PublishNotice;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.collect.CollectionSite;
import org.consentledger.ledger.collect.CollectionSites;
import org.consentledger.ledger.policy.PolicyProperties;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.ledger.write.LedgerWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sets the seed sites up for the demo banner once the service runs: publishes the notice the banner shows for each
 * site's latest policy version (again after a restart: the same notice is a replay) and lets the demo page's origin
 * collect, keeping the site's key.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@ConditionalOnProperty(prefix = "ledger.demo", name = "enabled", havingValue = "true")
class DemoSetup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);

    /** What the demo page needs of one site. */
    record DemoSite(String siteId, String publishableKey, int policyVersion, Notice notice) {
    }

    private final PolicyProperties seeds;
    private final PublishedPolicies published;
    private final LedgerWriter writer;
    private final CollectionSites collection;
    private final DemoProperties properties;
    private final Environment environment;
    private volatile List<DemoSite> sites = List.of();

    DemoSetup(PolicyProperties seeds, PublishedPolicies published, LedgerWriter writer, CollectionSites collection,
              DemoProperties properties, Environment environment) {
        this.seeds = seeds;
        this.published = published;
        this.writer = writer;
        this.collection = collection;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<DemoSite> ready = new ArrayList<>();
        for (PolicyProperties.Seed seed : seeds.seeds()) {
            Optional<CookiePolicy> latest = published.latest(seed.siteId());
            if (latest.isEmpty()) {
                continue;
            }
            Notice notice = DemoNotices.of(latest.get());
            try {
                writer.record(new PublishNotice(notice, List.of()), NoticeReceipt.class);
            } catch (LedgerRejection refused) {
                // The demo is a convenience: a site it cannot show is left out, and the ledger still starts.
                log.warn("Demo banner not shown for {}: {}", seed.siteId(), refused.getMessage());
                continue;
            }
            CollectionSite site = collection.allowOrigins(seed.siteId(), origins());
            ready.add(new DemoSite(seed.siteId(), site.publishableKey(), notice.policyVersion(), notice));
        }
        sites = List.copyOf(ready);
        log.info("Demo banner at /demo/ for {}", ready.stream().map(DemoSite::siteId).toList());
    }

    List<DemoSite> sites() {
        return sites;
    }

    private List<String> origins() {
        if (!properties.origins().isEmpty()) {
            return properties.origins();
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return List.of("http://localhost:" + port, "http://127.0.0.1:" + port);
    }
}
