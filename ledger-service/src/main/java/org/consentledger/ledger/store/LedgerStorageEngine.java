package org.consentledger.ledger.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Axon's JPA event storage, able to read many streams with one query for a unit of work that is about to load them
 * all (a batch of decisions for many visitors). Loading them one by one costs a query per visitor, the largest
 * share of a batch's time when most visitors are new.
 */
public class LedgerStorageEngine extends JpaEventStorageEngine {

    private static final String PREFETCHED = LedgerStorageEngine.class.getName() + ".prefetched";
    /** Bound parameters per query; well inside every supported database's limit. */
    private static final int CHUNK = 500;

    LedgerStorageEngine(Builder builder) {
        super(builder);
    }

    /**
     * Reads the given streams now, in the current unit of work's transaction, so that its later loads of them need
     * no query. A stream appended to by someone else after this read fails on the store's unique key at commit,
     * exactly as if it had been loaded one by one.
     */
    public void prefetch(Collection<String> streams) {
        Map<String, List<DomainEventData<?>>> read = new HashMap<>();
        List<String> ids = streams.stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(from + CHUNK, ids.size()));
            chunk.forEach(id -> read.put(id, new ArrayList<>()));
            List<DomainEventData<?>> rows = entityManager().createQuery(
                            "SELECT new org.axonframework.eventhandling.GenericDomainEventEntry("
                                    + "e.type, e.aggregateIdentifier, e.sequenceNumber, e.eventIdentifier, e.timeStamp, "
                                    + "e.payloadType, e.payloadRevision, e.payload, e.metaData) FROM "
                                    + domainEventEntryEntityName() + " e WHERE e.aggregateIdentifier IN :ids "
                                    + "ORDER BY e.aggregateIdentifier ASC, e.sequenceNumber ASC",
                            DomainEventData.class)
                    .setParameter("ids", chunk)
                    .getResultList()
                    .stream().<DomainEventData<?>>map(row -> row)
                    .toList();
            rows.forEach(row -> read.get(row.getAggregateIdentifier()).add(row));
        }
        CurrentUnitOfWork.get().root().resources().put(PREFETCHED, read);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String identifier, long firstSequenceNumber) {
        List<DomainEventData<?>> prefetched = prefetched(identifier);
        if (prefetched == null) {
            return super.readEventData(identifier, firstSequenceNumber);
        }
        return prefetched.stream().filter(e -> e.getSequenceNumber() >= firstSequenceNumber);
    }

    private static List<DomainEventData<?>> prefetched(String identifier) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        Map<String, List<DomainEventData<?>>> read = CurrentUnitOfWork.get().root().getResource(PREFETCHED);
        return read == null ? null : read.get(identifier);
    }
}
