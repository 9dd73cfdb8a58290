package org.consentledger.ledger.write;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.ledger.store.SubmissionIndex;
import org.consentledger.ledger.store.SubmissionKeys;
import org.consentledger.store.personal.FormatOneStreams;
import org.consentledger.support.BoundedMap;

/**
 * Streams' histories for the write path: from memory for streams written recently (visitors who come back update,
 * withdraw or resend), otherwise from the store's submission index, many streams a statement.
 */
class StreamHistories {

    private final SubmissionIndex index;
    private final SubmissionKeys keys;
    private final EventStore events;
    private final Map<String, StreamHistory> recent;
    private final FormatOneStreams formatOne;

    StreamHistories(SubmissionIndex index, SubmissionKeys keys, EventStore events, int remembered,
                    FormatOneStreams formatOne) {
        this.index = index;
        this.formatOne = formatOne;
        this.keys = keys;
        this.events = events;
        this.recent = BoundedMap.synchronizedLeastRecentlyUsed(remembered);
    }

    /** The given streams' histories, in the caller's transaction, in a map of the caller's own. */
    Map<String, StreamHistory> read(Collection<String> streams) {
        Map<String, StreamHistory> read = new HashMap<>();
        List<String> unknown = streams.stream().distinct().filter(stream -> {
            StreamHistory known = recent.get(stream);
            if (known != null) {
                read.put(stream, known);
            }
            return known == null;
        }).toList();
        index.entries(unknown).forEach((stream, entries) -> read.put(stream, history(stream, entries)));
        if (!unknown.isEmpty() && formatOne.any()) {
            Map<String, String> formatOneStreams = formatOne.of(unknown);
            Map<String, List<SubmissionIndex.Entry>> formatOneEntries = index.entries(formatOneStreams.values());
            formatOneStreams.forEach((stream, named) -> {
                StreamHistory old = history(named, formatOneEntries.getOrDefault(named, List.of()));
                read.put(stream, read.getOrDefault(stream, StreamHistory.EMPTY)
                        .withFormatOne(new StreamHistory.FormatOne(named, old.submissions())));
            });
        }
        return read;
    }

    /** Histories as they are once the caller's transaction has committed. */
    void remember(Map<String, StreamHistory> committed) {
        recent.putAll(committed);
    }

    /** Histories that may no longer be the store's (another instance appended to them first). */
    void forget(Collection<String> streams) {
        streams.forEach(recent::remove);
    }

    /** An event stored before the index existed names no key in it; only the event itself tells its submission. */
    private StreamHistory history(String stream, List<SubmissionIndex.Entry> entries) {
        Map<String, Long> submissions = new HashMap<>();
        long head = -1;
        for (SubmissionIndex.Entry entry : entries) {
            String key = entry.submissionKey() != null ? entry.submissionKey()
                    : keys.of(events.readEvents(stream, entry.sequence()).next().getPayload());
            if (key != null) {
                submissions.put(key, entry.sequence());
            }
            head = entry.sequence();
        }
        return new StreamHistory(head, submissions);
    }
}
