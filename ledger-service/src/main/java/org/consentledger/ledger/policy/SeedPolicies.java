package org.consentledger.ledger.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.consentledger.api.policy.PolicyReceipt;
import org.consentledger.api.policy.PublishCookiePolicy;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.write.LedgerWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Publishes the configured seed policies as version 1, effective from now, for each site that has no policy yet.
 * A site that already has one is left alone, so a restart publishes nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SeedPolicies implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedPolicies.class);

    private final PolicyProperties properties;
    private final PublishedPolicies published;
    private final CookiePolicyTextImporter importer;
    private final PolicyRules rules;
    private final LedgerWriter writer;
    private final ResourceLoader resources;

    SeedPolicies(PolicyProperties properties, PublishedPolicies published, CookiePolicyTextImporter importer,
                 PolicyRules rules, LedgerWriter writer, ResourceLoader resources) {
        this.properties = properties;
        this.published = published;
        this.importer = importer;
        this.rules = rules;
        this.writer = writer;
        this.resources = resources;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!properties.seedOnStart()) {
            return;
        }
        for (PolicyProperties.Seed seed : properties.seeds()) {
            if (published.hasSite(seed.siteId())) {
                continue;
            }
            String text;
            try (InputStream in = resources.getResource(seed.resource()).getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            try {
                writer.record(new PublishCookiePolicy(
                        importer.importText(seed.siteId(), 1, rules.now(), null, text)), PolicyReceipt.class);
                log.info("Published seed policy of {} as version 1", seed.siteId());
            } catch (LedgerRejection e) {
                // Another instance seeded the site first; its version 1 stands.
                log.info("Seed policy of {} not published: {}", seed.siteId(), e.getMessage());
            }
        }
    }
}
