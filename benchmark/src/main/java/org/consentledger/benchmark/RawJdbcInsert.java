package org.consentledger.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The floor under durable ingestion: rows shaped like Axon's {@code domain_event_entry} (same columns, key, unique
 * constraints and a step-1 sequence for the global index), carrying the payloads and metadata of real ledger
 * events, inserted over plain JDBC into the same database, a batch per commit. What the ledger adds on top of this
 * (HTTP, validation, aggregates, hashing, serialization) is the gap between this figure and the ledger's.
 */
final class RawJdbcInsert {

    /** @param averageRowBytes payload plus metadata, averaged over the sample of real events */
    record Result(long rows, int batchSize, Duration elapsed, double averageRowBytes) {
        double perSecond() {
            return rows / (elapsed.toNanos() / 1e9);
        }
    }

    private record Sample(String aggregate, String type, String payloadType, String payloadRevision, byte[] payload,
                          byte[] metaData) {
    }

    private static final String SCHEMA = """
            create sequence bench_raw_event_seq start with 1 increment by 1;
            create table bench_raw_event (
                global_index         bigint       not null,
                event_identifier     varchar(255) not null,
                aggregate_identifier varchar(512) not null,
                sequence_number      bigint       not null,
                type                 varchar(255),
                time_stamp           varchar(255) not null,
                payload_type         varchar(255) not null,
                payload_revision     varchar(255),
                payload              bytea        not null,
                meta_data            bytea,
                constraint bench_raw_event_pk primary key (global_index),
                constraint bench_raw_event_event_id unique (event_identifier),
                constraint bench_raw_event_stream_position unique (aggregate_identifier, sequence_number)
            )""";

    /** A stream gets this many rows, about as many as a visitor has events. */
    private static final int EVENTS_PER_STREAM = 10;

    private final Database database;

    RawJdbcInsert(Database database) {
        this.database = database;
    }

    Result run(long rows, int batchSize) throws Exception {
        try (Connection c = database.connect()) {
            List<Sample> samples = samples(c);
            if (samples.isEmpty()) {
                throw new IllegalStateException("no visitor events in domain_event_entry to take payloads from");
            }
            try (Statement s = c.createStatement()) {
                for (String ddl : SCHEMA.split(";")) {
                    s.execute(ddl);
                }
            }
            c.setAutoCommit(false);
            String insert = "insert into bench_raw_event (global_index, event_identifier, aggregate_identifier, "
                    + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) values ("
                    + database.nextValue("bench_raw_event_seq") + ", ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            long start = System.nanoTime();
            try (PreparedStatement p = c.prepareStatement(insert)) {
                for (long i = 0; i < rows; i++) {
                    Sample sample = samples.get((int) (i % samples.size()));
                    p.setString(1, eventId());
                    p.setString(2, sample.aggregate() + "#" + i / EVENTS_PER_STREAM);
                    p.setLong(3, i % EVENTS_PER_STREAM);
                    p.setString(4, sample.type());
                    p.setString(5, Instant.now().toString());
                    p.setString(6, sample.payloadType());
                    p.setString(7, sample.payloadRevision());
                    p.setBytes(8, sample.payload());
                    p.setBytes(9, sample.metaData());
                    p.addBatch();
                    if ((i + 1) % batchSize == 0 || i + 1 == rows) {
                        p.executeBatch();
                        c.commit();
                    }
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            try (Statement s = c.createStatement()) {
                s.execute("drop table bench_raw_event");
                s.execute("drop sequence bench_raw_event_seq");
            }
            c.commit();
            double bytes = samples.stream().mapToLong(x -> x.payload().length + (x.metaData() == null ? 0 : x.metaData().length))
                    .average().orElse(0);
            return new Result(rows, batchSize, elapsed, bytes);
        }
    }

    /** Real consent and withdrawal events, spread over the store, so sizes vary as the ledger's do. */
    private static List<Sample> samples(Connection c) throws Exception {
        List<Sample> samples = new ArrayList<>();
        String query = "select aggregate_identifier, type, payload_type, payload_revision, payload, meta_data "
                + "from domain_event_entry where mod(global_index, 97) = 0 "
                // Stored under the class name (evidence format 1) or the registered name (format 2).
                + "and (payload_type like '%.consent.%' or payload_type like 'consent.%') "
                + "order by global_index fetch first 2000 rows only";
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                samples.add(new Sample(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getBytes(5),
                        r.getBytes(6)));
            }
        }
        return samples;
    }

    /**
     * Shaped like the ledger's event ids: version-7 UUIDs (RFC 9562), time-ordered, so this table's unique index on
     * them grows at one end as the store's does. Random ids would make the baseline pay for page reads the ledger
     * no longer pays for.
     */
    private static String eventId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (System.currentTimeMillis() << 16) | 0x7000L | random.nextInt(1 << 12);
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
