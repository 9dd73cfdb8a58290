package org.consentledger.ledger.write;

import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/** Links events into tamper-evident chains before they are stored (the evidence feature's hash chain does). */
public interface EventLinker {

    /** The events, in the order given, with their links; each stream's events follow its last stored one. */
    Linked link(List<? extends DomainEventMessage<?>> events);

    /** Linked events; told once they are committed, so that a rolled-back event is never linked to. */
    interface Linked {

        List<? extends DomainEventMessage<?>> events();

        void committed();
    }
}
