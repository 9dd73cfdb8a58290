package org.consentledger.ledger.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import jakarta.persistence.TypedQuery;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.consentledger.api.Recorded;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's JPA event storage, with these changes:
 * <ul>
 * <li>it appends events as one JDBC batch, each row taking its global index from the sequence inside its own
 * insert. Through JPA every event first cost a query for its index (the sequence steps by 1, so that the index has
 * no gaps), then an entity insert; that was the largest share of the allocation that kept the garbage collector
 * busy during ingestion. Each row also gets its submission key ({@link SubmissionIndex});</li>
 * <li>events read back are {@link StoredEvent}s, whose timestamp is parsed once instead of on every call.</li>
 * </ul>
 * Apart from the submission key, the rows are exactly those JPA would write: the same entity builds them.
 */
public class LedgerStorageEngine extends JpaEventStorageEngine {

    /** Axon's defaults, given to the builder and used by {@link #fetchTrackedEvents} alike. */
    private static final int MAX_GAP_OFFSET = 10_000;
    private static final long LOWEST_GLOBAL_SEQUENCE = 1;
    private static final int GAP_TIMEOUT_MILLIS = 60_000;
    private static final int GAP_CLEANING_THRESHOLD = 250;

    /** The start of every query for whole events, which builds {@link StoredEvent}s ({@code e}: the event row). */
    private static final String SELECT_STORED_EVENTS = "SELECT new " + StoredEvent.class.getName() + "(e.type, "
            + "e.aggregateIdentifier, e.sequenceNumber, e.eventIdentifier, e.timeStamp, e.payloadType, "
            + "e.payloadRevision, e.payload, e.metaData) FROM ";

    /** The same, for event processors: each event with its global index ({@link TrackedRow}). */
    private static final String SELECT_TRACKED_EVENTS = "SELECT new " + TrackedRow.class.getName() + "(e.globalIndex, "
            + "e.type, e.aggregateIdentifier, e.sequenceNumber, e.eventIdentifier, e.timeStamp, e.payloadType, "
            + "e.payloadRevision, e.payload, e.metaData) FROM ";

    private final TransactionManager transactions;
    /** The metadata entry in which the write path hands over an event's submission key. */
    public static final String SUBMISSION_KEY = "submissionKey";

    private final SubmissionKeys submissionKeys;
    private final CommitDeadline commitDeadline;
    private volatile String insert;

    LedgerStorageEngine(Builder builder, TransactionManager transactions, SubmissionKeys submissionKeys,
                        CommitDeadline commitDeadline) {
        super(builder.maxGapOffset(MAX_GAP_OFFSET).lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .gapTimeout(GAP_TIMEOUT_MILLIS).gapCleaningThreshold(GAP_CLEANING_THRESHOLD)
                .transactionManager(transactions));
        this.transactions = transactions;
        this.submissionKeys = submissionKeys;
        this.commitDeadline = commitDeadline;
    }

    /**
     * The key the write path decided for the event ({@link #SUBMISSION_KEY} in its metadata); for an event of format 1
     * the key its payload names.
     */
    private String submissionKey(EventMessage<?> event) {
        Object decided = event.getMetaData().get(SUBMISSION_KEY);
        return decided != null ? decided.toString() : submissionKeys.of(event.getPayload());
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<DomainEventEntry> rows = events.stream()
                .map(event -> (DomainEventEntry) createEventEntity(event, serializer))
                .toList();
        try {
            entityManager().unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(insertStatement())) {
                    for (int i = 0; i < rows.size(); i++) {
                        bind(statement, rows.get(i), events.get(i));
                        statement.setString(10, submissionKey(events.get(i)));
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
            });
        } catch (RuntimeException e) {
            // A duplicate (stream, sequence) becomes Axon's ConcurrencyException, retried on the fresh stream.
            handlePersistenceException(e, events.get(0));
        }
        holdToDeadline(events);
    }

    /** Checked just before the transaction commits: see {@link CommitDeadline}. */
    private void holdToDeadline(List<? extends EventMessage<?>> events) {
        Optional<Instant> earliest = events.stream()
                .map(EventMessage::getPayload)
                .filter(Recorded.class::isInstance)
                .map(payload -> ((Recorded) payload).recordedAt())
                .min(Comparator.naturalOrder());
        if (earliest.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            commitDeadline.check(earliest.get());
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                commitDeadline.check(earliest.get());
            }
        });
    }

    private static void bind(PreparedStatement statement, DomainEventEntry row, EventMessage<?> event)
            throws SQLException {
        statement.setString(1, row.getEventIdentifier());
        statement.setString(2, row.getAggregateIdentifier());
        statement.setLong(3, row.getSequenceNumber());
        statement.setString(4, row.getType());
        statement.setString(5, DateTimeUtils.formatInstant(event.getTimestamp()));
        statement.setString(6, row.getPayload().getType().getName());
        statement.setString(7, row.getPayload().getType().getRevision());
        statement.setBytes(8, row.getPayload().getData());
        statement.setBytes(9, row.getMetaData() == null ? null : row.getMetaData().getData());
    }

    /** The global index comes from the same step-1 sequence JPA used, in the database's own syntax. */
    private String insertStatement() {
        if (insert == null) {
            String nextIndex = entityManager().getEntityManagerFactory().unwrap(SessionFactoryImplementor.class)
                    .getJdbcServices().getDialect().getSequenceSupport()
                    .getSelectSequenceNextValString("domain_event_entry_seq");
            insert = "insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, "
                    + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data, "
                    + "submission_key) values (" + nextIndex + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        }
        return insert;
    }

    /** Axon's query for one stream, building {@link StoredEvent}s. */
    @Override
    @SuppressWarnings("unchecked")
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                   int batchSize) {
        return transactions.fetchInTransaction(() -> entityManager()
                .createQuery(SELECT_STORED_EVENTS + domainEventEntryEntityName()
                        + " e WHERE e.aggregateIdentifier = :id AND e.sequenceNumber >= :seq "
                        + "ORDER BY e.sequenceNumber ASC")
                .setParameter("id", aggregateIdentifier)
                .setParameter("seq", firstSequenceNumber)
                .setMaxResults(batchSize)
                .getResultList());
    }

    /**
     * Axon's reading for event processors (the same query, the same tokens and gaps), building {@link StoredEvent}s.
     * A gap is an index not yet visible (a transaction still open, or rolled back), kept in the token until it fills,
     * falls {@value #MAX_GAP_OFFSET} indexes behind or, once there are many, is older than the gap timeout.
     */
    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken previous = cleaned((GapAwareTrackingToken) lastToken);
        List<TrackedRow> rows = transactions.fetchInTransaction(() -> trackedAfter(previous, batchSize));
        Instant gapTimeout = gapTimeoutThreshold();
        List<TrackedEventData<?>> events = new ArrayList<>(rows.size());
        GapAwareTrackingToken token = previous;
        for (TrackedRow row : rows) {
            long index = row.globalIndex();
            StoredEvent<?> event = row.event();
            boolean allowGaps = event.getTimestamp().isAfter(gapTimeout);
            if (token == null) {
                token = GapAwareTrackingToken.newInstance(index, allowGaps
                        ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, index), index).boxed()
                                .collect(Collectors.toCollection(TreeSet::new))
                        : List.of());
            } else {
                token = token.advanceTo(index, allowGaps ? MAX_GAP_OFFSET : 0);
            }
            events.add(new TrackedDomainEventData<>(token, event));
        }
        return events;
    }

    /** The events after the token's index and those in its gaps, in index order. */
    private List<TrackedRow> trackedAfter(GapAwareTrackingToken token, int batchSize) {
        boolean gaps = token != null && !token.getGaps().isEmpty();
        TypedQuery<TrackedRow> query = entityManager().createQuery(SELECT_TRACKED_EVENTS + domainEventEntryEntityName()
                + " e WHERE e.globalIndex > :token" + (gaps ? " OR e.globalIndex IN :gaps" : "")
                + " ORDER BY e.globalIndex ASC", TrackedRow.class);
        if (gaps) {
            query.setParameter("gaps", token.getGaps());
        }
        return query.setParameter("token", token == null ? -1L : token.getIndex())
                .setMaxResults(batchSize)
                .getResultList();
    }

    /** Drops the gaps older than the gap timeout once there are many, as Axon does (in index order, here). */
    private GapAwareTrackingToken cleaned(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().size() <= GAP_CLEANING_THRESHOLD) {
            return token;
        }
        List<StoredTime> times = transactions.fetchInTransaction(() -> entityManager().createQuery(
                        "SELECT new " + StoredTime.class.getName() + "(e.globalIndex, e.timeStamp) FROM "
                                + domainEventEntryEntityName() + " e "
                                + "WHERE e.globalIndex >= :firstGap AND e.globalIndex <= :lastGap "
                                + "ORDER BY e.globalIndex ASC", StoredTime.class)
                .setParameter("firstGap", token.getGaps().first())
                .setParameter("lastGap", token.getGaps().last() + 1L)
                .getResultList());
        Instant gapTimeout = gapTimeoutThreshold();
        GapAwareTrackingToken cleaned = token;
        for (StoredTime time : times) {
            long index = time.globalIndex();
            if (cleaned.getGaps().contains(index) || time.timestamp().isAfter(gapTimeout)) {
                return cleaned;
            }
            if (cleaned.getGaps().contains(index - 1)) {
                cleaned = cleaned.withGapsTruncatedAt(index);
            }
        }
        return cleaned;
    }

    private static Instant gapTimeoutThreshold() {
        return GenericEventMessage.clock.instant().minus(GAP_TIMEOUT_MILLIS, ChronoUnit.MILLIS);
    }
}
