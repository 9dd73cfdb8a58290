package org.consentledger.ledger.write;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.consentledger.api.EventType;

/**
 * Times each command's decision, by command and outcome ({@code ledger.commands}), and counts the events committed,
 * by type ({@code ledger.events.appended}): what operators alert on.
 */
public class CommandMetrics {

    private final MeterRegistry registry;
    /** One timer per command and outcome, found again instead of built and looked up for every command. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> appended = new ConcurrentHashMap<>();

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counted once committed: a rolled-back event was never appended. */
    void appended(List<GroupDecisions.NewEvent> events) {
        for (GroupDecisions.NewEvent event : events) {
            String type = EventType.ofPayload(event.payload().getClass()).map(EventType::label).orElse("other");
            appended.computeIfAbsent(type, t -> Counter.builder("ledger.events.appended")
                    .description("Events committed to the store").tag("type", t).register(registry)).increment();
        }
    }

    /** @param outcome {@code accepted} (recorded or replayed), {@code rejected} or {@code failed} */
    void decided(Object command, String outcome, long nanos) {
        String name = command.getClass().getSimpleName();
        timers.computeIfAbsent(name + " " + outcome, k -> Timer.builder("ledger.commands")
                        .description("Commands handled").tags("command", name, "outcome", outcome).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
