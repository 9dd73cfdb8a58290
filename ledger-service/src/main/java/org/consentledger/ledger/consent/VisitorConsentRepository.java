package org.consentledger.ledger.consent;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.consentledger.ledger.store.LedgerEventStore;
import org.consentledger.ledger.store.SubmissionIndex;

/**
 * Loads a visitor's consent from the store's submission index instead of from its events: which client ids the
 * stream holds, and where, is the whole state a decision needs. Axon takes that state the way it takes a snapshot
 * (a first message whose payload is the aggregate itself, at the stream's last position), then applies the events
 * the current unit of work has staged after it. A stream with events stored before the index existed is read from
 * its events, as Axon reads any stream.
 */
class VisitorConsentRepository extends CachingEventSourcingRepository<VisitorConsent> {

    private final SubmissionIndex index;
    private final LedgerEventStore eventStore;

    VisitorConsentRepository(EventSourcingRepository.Builder<VisitorConsent> builder, SubmissionIndex index,
                             LedgerEventStore eventStore) {
        super(builder.eventStore(eventStore));
        this.index = index;
        this.eventStore = eventStore;
    }

    @Override
    protected DomainEventStream readEvents(String stream) {
        List<SubmissionIndex.Entry> entries = index.entries(stream);
        if (entries.stream().anyMatch(entry -> entry.submissionKey() == null)) {
            return super.readEvents(stream);
        }
        long last = entries.isEmpty() ? -1 : entries.get(entries.size() - 1).sequence();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        if (!entries.isEmpty()) {
            events.add(new GenericDomainEventMessage<>(VisitorConsent.class.getSimpleName(), stream, last,
                    VisitorConsent.indexed(stream, entries)));
        }
        eventStore.staged(stream).filter(event -> event.getSequenceNumber() > last).forEach(events::add);
        return DomainEventStream.of(events);
    }
}
