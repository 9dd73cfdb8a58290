package org.consentledger.store;

import java.util.Collection;
import java.util.Map;

/**
 * How far streams go in the event store. A read model follows the store by a moment and is emptied and rebuilt
 * during a replay; comparing what it holds of a stream with this tells whether an answer from it would be whole.
 */
public interface StoredStreams {

    /** Sequence number of the last stored event of each given stream; a stream without events is left out. */
    Map<String, Long> lastSequences(Collection<String> streamIds);
}
