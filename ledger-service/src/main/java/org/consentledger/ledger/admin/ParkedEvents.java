package org.consentledger.ledger.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.projections.ParkedStreams;
import org.consentledger.projections.ReadModelProcessor;
import org.consentledger.store.readmodels.DeadLetters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The events the read models could not apply, parked by stream in the read-model processor's dead-letter queue
 * (every later event of a parked stream waits behind the first, so a stream is never applied out of order), while
 * every other stream goes on. Health reports them as {@code DEGRADED}, metrics count them, and an operator retries
 * them once the cause is fixed.
 */
@Component
public class ParkedEvents implements HealthIndicator, MeterBinder {

    /** Health while events are parked: the ledger answers, except for the parked streams. */
    public static final Status DEGRADED = new Status("DEGRADED",
            "events of some streams are parked: answers about those streams are refused until they are retried");

    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);
    private static final int LISTED = 100;
    private static final int LISTED_IN_HEALTH = 10;

    private final DeadLetters deadLetters;
    private final EventProcessingConfiguration processing;
    private final ParkedStreams parkedStreams;

    ParkedEvents(DeadLetters deadLetters, EventProcessingConfiguration processing, ParkedStreams parkedStreams) {
        this.deadLetters = deadLetters;
        this.processing = processing;
        this.parkedStreams = parkedStreams;
    }

    /**
     * @param stream   the stream's name (a site's, or {@code site/visitor})
     * @param events   its events parked, the first and every one after it
     * @param eventId  the first parked event, the one that could not be applied
     * @param cause    why it could not be applied, as the read model said when it was last tried
     * @param parkedAt when the first was parked
     */
    public record ParkedStream(String stream, long events, String eventId, String cause, Instant parkedAt) {
    }

    /** @param streams the oldest parked streams first, at most 100 */
    public record Parked(long streamCount, long eventCount, List<ParkedStream> streams) {
    }

    /** @param retried streams tried again; @param applied of those, the ones now applied whole */
    public record Retried(int retried, int applied, Parked parked) {
    }

    public Parked parked() {
        return parked(LISTED);
    }

    private DeadLetters.Counts counts() {
        return deadLetters.counts(ReadModelProcessor.NAME);
    }

    private Parked parked(int limit) {
        DeadLetters.Counts counts = counts();
        if (counts.events() == 0) {
            return new Parked(0, 0, List.of());
        }
        List<ParkedStream> streams = deadLetters.oldest(ReadModelProcessor.NAME, limit).stream()
                .map(p -> new ParkedStream(p.stream(), p.events(), p.eventId(), cause(p.causeType(), p.causeMessage()),
                        p.parkedAt()))
                .toList();
        return new Parked(counts.streams(), counts.events(), streams);
    }

    private static String cause(String type, String message) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1) + ": " + message;
    }

    /**
     * Applies the parked events again, in order: every parked stream, or the one named. A stream whose first event
     * fails again stays parked with the new cause.
     */
    public Retried retry(String stream) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(ReadModelProcessor.NAME)
                .orElseThrow(() -> new IllegalStateException("the read models have no dead-letter queue"));
        if (stream != null) {
            if (parkedStreams.among(List.of(stream)).isPresent()) {
                boolean applied = processor.process(inStream(stream));
                log.info("Retried the parked events of stream {}: {}", stream, applied ? "applied" : "parked again");
                return new Retried(1, applied ? 1 : 0, parked());
            }
            throw new LedgerRejection(LedgerRejection.Kind.NOT_FOUND, "stream",
                    "no events of stream '%s' are parked".formatted(stream));
        }
        long sequences = counts().streams();
        int applied = 0;
        for (int attempt = 0; attempt < sequences; attempt++) {
            if (processor.processAny()) {
                applied++;
            }
        }
        log.info("Retried {} parked streams: {} applied", sequences, applied);
        return new Retried(Math.toIntExact(sequences), applied, parked());
    }

    private static Predicate<DeadLetter<? extends EventMessage<?>>> inStream(String stream) {
        return letter -> letter.message() instanceof DomainEventMessage<?> event
                && stream.equals(event.getAggregateIdentifier());
    }

    @Override
    public Health health() {
        Parked parked = parked(LISTED_IN_HEALTH);
        if (parked.eventCount() == 0) {
            return Health.up().withDetail("parkedStreams", 0).build();
        }
        return Health.status(DEGRADED)
                .withDetail("parkedStreams", parked.streamCount())
                .withDetail("parkedEvents", parked.eventCount())
                .withDetail("streams", parked.streams().stream().map(ParkedStream::stream).toList())
                .withDetail("action", "GET /api/v1/admin/projections/parked names each cause; once fixed, "
                        + "POST /api/v1/admin/projections/parked/retry")
                .build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ledger.read_models.parked.streams", () -> counts().streams())
                .description("Streams whose events the read models could not apply, parked until retried")
                .register(registry);
        Gauge.builder("ledger.read_models.parked.events", () -> counts().events())
                .description("Events parked by the read models, the first of each stream and every one after it")
                .register(registry);
    }
}
