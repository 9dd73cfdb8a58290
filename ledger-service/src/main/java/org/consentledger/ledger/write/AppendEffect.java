package org.consentledger.ledger.write;

import java.util.List;
import org.consentledger.ledger.write.GroupDecisions.NewEvent;

/**
 * What a feature changes along with the events a group appends, in the same transaction: an erasure destroys the
 * stream's data key as its event is stored, so that neither happens without the other.
 */
public interface AppendEffect {

    /** In the group's transaction, before it commits: a failure here rolls the whole group back. */
    void staged(List<NewEvent> events);

    /** Once the group's transaction has committed: for what the instance keeps in memory. */
    default void committed(List<NewEvent> events) {
    }
}
