package org.consentledger.ledger.personal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.store.personal.ErasedStreams;

/**
 * Format 2's visitor streams, named by a keyed hash of the site, the visitor id and how many of the visitor's streams
 * were erased before; the erased ones are found in the erasures' table, a few generations a statement.
 */
public class PseudonymousStreams implements VisitorStreams {

    private static final int GENERATIONS_A_STATEMENT = 4;

    private final VisitorPseudonyms pseudonyms;
    private final ErasedStreams erasedStreams;

    public PseudonymousStreams(VisitorPseudonyms pseudonyms, ErasedStreams erasedStreams) {
        this.pseudonyms = pseudonyms;
        this.erasedStreams = erasedStreams;
    }

    @Override
    public String first(String siteId, String visitorId) {
        return pseudonyms.stream(siteId, visitorId, 0);
    }

    @Override
    public String current(String siteId, String visitorId) {
        return current(siteId, visitorId, new ArrayList<>());
    }

    /** Collects the erased streams in order and gives the first stream that is not. */
    @Override
    public String current(String siteId, String visitorId, List<Erasure> erased) {
        for (int from = 0; ; from += GENERATIONS_A_STATEMENT) {
            List<String> streams = IntStream.range(from, from + GENERATIONS_A_STATEMENT)
                    .mapToObj(generation -> pseudonyms.stream(siteId, visitorId, generation)).toList();
            Map<String, ErasedStreams.Erased> found = erasedStreams.of(streams);
            for (String stream : streams) {
                ErasedStreams.Erased erasure = found.get(stream);
                if (erasure == null) {
                    return stream;
                }
                erased.add(new Erasure(stream, erasure.erasedAt(), erasure.erasureId(), erasure.reason()));
            }
        }
    }
}
