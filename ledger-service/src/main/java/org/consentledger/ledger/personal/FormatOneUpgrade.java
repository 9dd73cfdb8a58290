package org.consentledger.ledger.personal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.consentledger.api.EventType;
import org.consentledger.api.erasure.RedactedEvent;
import org.consentledger.store.personal.FormatOneStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one step of the upgrade from evidence format 1 that needs the pseudonym secret: each format 1 visitor stream,
 * named by the site and the visitor id, is mapped to the visitor's first pseudonymous stream, so that their later
 * events join them and their erasure redacts them. Runs once, at the first start after the upgrade, before the
 * processors and the web server take any work.
 */
class FormatOneUpgrade implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FormatOneUpgrade.class);

    private final FormatOneStreams streams;
    private final VisitorPseudonyms pseudonyms;
    private final SecretCheck secretCheck;
    private final TransactionTemplate transaction;

    FormatOneUpgrade(FormatOneStreams streams, VisitorPseudonyms pseudonyms, SecretCheck secretCheck,
                     TransactionTemplate transaction) {
        this.streams = streams;
        this.pseudonyms = pseudonyms;
        this.secretCheck = secretCheck;
        this.transaction = transaction;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // The mapping is made with the pseudonym secret, which must be the one the database keeps to.
        secretCheck.afterSingletonsInstantiated();
        transaction.executeWithoutResult(status -> {
            if (!streams.owed(FormatOneStreams.MAP_STEP)) {
                return;
            }
            List<String> formatOne = streams.formatOneVisitorStreams(List.of(
                    EventType.CONSENT_GIVEN.formatOneName(), EventType.CONSENT_WITHDRAWN.formatOneName()),
                    RedactedEvent.REVISION);
            Map<String, String> mapped = new HashMap<>();
            for (String stream : formatOne) {
                int slash = stream.indexOf('/');
                mapped.put(pseudonyms.stream(stream.substring(0, slash), stream.substring(slash + 1), 0), stream);
            }
            streams.map(mapped);
            streams.done(FormatOneStreams.MAP_STEP);
            log.info("Mapped {} visitor streams of evidence format 1 to their pseudonymous streams", mapped.size());
        });
    }
}
