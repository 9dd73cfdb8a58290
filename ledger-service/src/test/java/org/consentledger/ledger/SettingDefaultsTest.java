package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.consentledger.ledger.collect.CollectionProperties;
import org.consentledger.ledger.consent.ConsentProperties;
import org.consentledger.ledger.demo.DemoProperties;
import org.consentledger.ledger.erasure.RetentionProperties;
import org.consentledger.ledger.evidence.EvidenceProperties;
import org.consentledger.ledger.personal.PersonalDataProperties;
import org.consentledger.ledger.policy.PolicyProperties;
import org.consentledger.ledger.relay.RelayProperties;
import org.consentledger.ledger.store.StoreProperties;
import org.consentledger.ledger.web.RequestLimits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Each setting's default is stated once, in the typed properties it binds to: bound from nothing, every one has the
 * value docs/operating.md gives it, so the guide and the code cannot drift apart.
 */
class SettingDefaultsTest {

    /** One setting: the properties it binds to, and how to read it from them. */
    record Setting<T>(String key, Class<T> type, String prefix, Function<T, Object> value) {

        Object boundFrom(Map<String, String> source) {
            return value.apply(new Binder(new MapConfigurationPropertySource(source)).bindOrCreate(prefix, type));
        }

        @Override
        public String toString() {
            return key;
        }
    }

    static <T> Arguments setting(String key, Class<T> type, String prefix, Function<T, Object> value) {
        return Arguments.of(new Setting<>(key, type, prefix, value));
    }

    static Stream<Arguments> settings() {
        return Stream.of(
                setting("ledger.consent.max-clock-skew", ConsentProperties.class, "ledger.consent", ConsentProperties::maxClockSkew),
                setting("ledger.consent.max-backfill", ConsentProperties.class, "ledger.consent", ConsentProperties::maxBackfill),
                setting("ledger.consent.cached-visitors", ConsentProperties.class, "ledger.consent", ConsentProperties::cachedVisitors),
                setting("ledger.consent.write-group-size", ConsentProperties.class, "ledger.consent", ConsentProperties::writeGroupSize),
                setting("ledger.consent.writers", ConsentProperties.class, "ledger.consent", ConsentProperties::writers),
                setting("ledger.collect.address-requests-per-second", CollectionProperties.class, "ledger.collect", CollectionProperties::addressRequestsPerSecond),
                setting("ledger.collect.address-burst", CollectionProperties.class, "ledger.collect", CollectionProperties::addressBurst),
                setting("ledger.collect.site-requests-per-second", CollectionProperties.class, "ledger.collect", CollectionProperties::siteRequestsPerSecond),
                setting("ledger.collect.site-burst", CollectionProperties.class, "ledger.collect", CollectionProperties::siteBurst),
                setting("ledger.collect.visitor-decisions-per-minute", CollectionProperties.class, "ledger.collect", CollectionProperties::visitorDecisionsPerMinute),
                setting("ledger.collect.tracked-clients", CollectionProperties.class, "ledger.collect", CollectionProperties::trackedClients),
                setting("ledger.collect.settings-refresh", CollectionProperties.class, "ledger.collect", CollectionProperties::settingsRefresh),
                setting("ledger.http.max-collect-body", RequestLimits.class, "ledger.http", RequestLimits::maxCollectBody),
                setting("ledger.demo.enabled", DemoProperties.class, "ledger.demo", DemoProperties::enabled),
                setting("ledger.policy.default-consent-max-age", PolicyProperties.class, "ledger.policy", PolicyProperties::defaultConsentMaxAge),
                setting("ledger.policy.seed-on-start", PolicyProperties.class, "ledger.policy", PolicyProperties::seedOnStart),
                setting("ledger.kafka.topic", RelayProperties.class, "ledger.kafka", RelayProperties::topic),
                setting("ledger.kafka.state-topic", RelayProperties.class, "ledger.kafka", RelayProperties::stateTopic),
                setting("ledger.kafka.checkpoint-topic", RelayProperties.class, "ledger.kafka", RelayProperties::checkpointTopic),
                setting("ledger.kafka.delivery-timeout", RelayProperties.class, "ledger.kafka", RelayProperties::deliveryTimeout),
                setting("ledger.evidence.signing-key-file", EvidenceProperties.class, "ledger.evidence", EvidenceProperties::signingKeyFile),
                setting("ledger.evidence.checkpoint-every", EvidenceProperties.class, "ledger.evidence", EvidenceProperties::checkpointEvery),
                setting("ledger.evidence.checkpoint-after", EvidenceProperties.class, "ledger.evidence", EvidenceProperties::checkpointAfter),
                setting("ledger.evidence.max-bundle-events", EvidenceProperties.class, "ledger.evidence", EvidenceProperties::maxBundleEvents),
                setting("ledger.evidence.chained-streams", EvidenceProperties.class, "ledger.evidence", EvidenceProperties::chainedStreams),
                setting("ledger.evidence.truncate-ip", EvidenceProperties.class, "ledger.evidence", EvidenceProperties::truncateIp),
                setting("ledger.personal-data.key-file", PersonalDataProperties.class, "ledger.personal-data", PersonalDataProperties::keyFile),
                setting("ledger.personal-data.cached-keys", PersonalDataProperties.class, "ledger.personal-data", PersonalDataProperties::cachedKeys),
                setting("ledger.personal-data.rewrap-every", PersonalDataProperties.class, "ledger.personal-data", PersonalDataProperties::rewrapEvery),
                setting("ledger.retention.check-every", RetentionProperties.class, "ledger.retention", RetentionProperties::checkEvery),
                setting("ledger.retention.batch", RetentionProperties.class, "ledger.retention", RetentionProperties::batch),
                setting("ledger.store.processor-linger", StoreProperties.class, "ledger.store", StoreProperties::processorLinger),
                setting("ledger.store.probe-every", StoreProperties.class, "ledger.store", StoreProperties::probeEvery),
                setting("ledger.store.exit-when-closed", StoreProperties.class, "ledger.store", StoreProperties::exitWhenClosed),
                setting("ledger.store.exit-deadline", StoreProperties.class, "ledger.store", StoreProperties::exitDeadline),
                setting("ledger.store.commit-deadline", StoreProperties.class, "ledger.store", StoreProperties::commitDeadline));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void theDefaultIsTheOneTheOperatorsGuideGives(Setting<?> setting) throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "operating.md"));
        Matcher row = Pattern.compile("\\| `" + Pattern.quote(setting.key()) + "` \\| `([^`]*)` \\|").matcher(guide);

        assertThat(row.find()).as("docs/operating.md has a row for %s", setting.key()).isTrue();
        // Compared as bound values, so that P30D and PT720H are the same default.
        assertThat(setting.boundFrom(Map.of())).isEqualTo(setting.boundFrom(Map.of(setting.key(), row.group(1))));
    }
}
