package org.consentledger.analytics;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sample analytics consumer: reads {@code consent-events} in a consumer group and prints consent rates per site,
 * category and day. Run it with {@code --help} for its options.
 */
public final class ConsentRates {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ConsentRates() {
    }

    public record Options(String bootstrapServers, String topic, String group, Duration printEvery,
                          Duration stopWhenIdleFor) {

        static Options parse(String[] args) {
            Options o = new Options("127.0.0.1:9092", "consent-events", "consent-rates", Duration.ofSeconds(10), null);
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--bootstrap-servers" -> o = new Options(value, o.topic, o.group, o.printEvery, o.stopWhenIdleFor);
                    case "--topic" -> o = new Options(o.bootstrapServers, value, o.group, o.printEvery, o.stopWhenIdleFor);
                    case "--group" -> o = new Options(o.bootstrapServers, o.topic, value, o.printEvery, o.stopWhenIdleFor);
                    case "--print-every" -> o = new Options(o.bootstrapServers, o.topic, o.group, Duration.parse(value), o.stopWhenIdleFor);
                    case "--once" -> {
                        o = new Options(o.bootstrapServers, o.topic, o.group, o.printEvery, Duration.ofSeconds(5));
                        i--;
                    }
                    default -> throw new IllegalArgumentException("""
                            unknown option %s
                            options: --bootstrap-servers HOST:PORT (127.0.0.1:9092)  --topic NAME (consent-events)
                                     --group NAME (consent-rates)  --print-every ISO-DURATION (PT10S)
                                     --once (print once the topic has been idle for 5 s, then stop)""".formatted(args[i]));
                }
                i++;
            }
            return o;
        }
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ConsentRateTable table = consume(options);
        System.out.print(table.render());
    }

    /** Consumes until idle for {@code stopWhenIdleFor}, or for ever when that is null, printing as it goes. */
    public static ConsentRateTable consume(Options options) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, options.group());
        // The table lives in memory, so each start rebuilds it from the whole topic; the group only shares out
        // partitions between instances. A consumer that keeps its counts would commit offsets instead.
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ConsentRateTable table = new ConsentRateTable(1_000_000);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(options.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // Nothing committed, nothing to hand over.
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    consumer.seekToBeginning(partitions);
                }
            });
            long lastEvent = System.nanoTime();
            long lastPrint = System.nanoTime();
            while (options.stopWhenIdleFor() == null
                    || System.nanoTime() - lastEvent < options.stopWhenIdleFor().toNanos()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    table.add(JSON.readTree(record.value()));
                    lastEvent = System.nanoTime();
                }
                if (options.stopWhenIdleFor() == null && System.nanoTime() - lastPrint > options.printEvery().toNanos()) {
                    System.out.print(table.render());
                    lastPrint = System.nanoTime();
                }
            }
        }
        return table;
    }
}
