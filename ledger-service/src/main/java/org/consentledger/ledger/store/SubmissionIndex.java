package org.consentledger.ledger.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.consentledger.store.InList;
import org.hibernate.Session;

/**
 * Reads streams from the store's submission index ({@code domain_event_entry_submissions}): each event's position
 * and the client submission it records, without the events themselves.
 * <p>
 * Why: to decide a visitor's next submission the ledger only needs the ids the visitor used before. Reading the
 * events for that meant reading each one from wherever the table keeps it: on H2 at 1 million events, whole pages
 * decoded from the file for every earlier event of every visitor, most of what a decision cost under load. The
 * index holds a stream's entries side by side, and the database answers from the index alone.
 */
public class SubmissionIndex {

    private final EntityManagerProvider entityManagers;

    public SubmissionIndex(EntityManagerProvider entityManagers) {
        this.entityManagers = entityManagers;
    }

    /**
     * One stored event as the index knows it.
     *
     * @param submissionKey what {@link SubmissionKeys} named when it was stored; null for an event stored before
     *                      the index existed, whose submission only the event itself tells
     */
    public record Entry(long sequence, String submissionKey) {
    }

    /** Each given stream's stored events in order, as the index has them (empty for a stream with none). */
    public Map<String, List<Entry>> entries(Collection<String> streams) {
        Map<String, List<Entry>> read = new HashMap<>();
        InList.chunks(streams).forEach(chunk -> read.putAll(query(chunk)));
        return read;
    }

    /** Selects indexed columns only, so the database can answer from the index without visiting the rows. */
    private Map<String, List<Entry>> query(List<String> streams) {
        Map<String, List<Entry>> read = new HashMap<>();
        streams.forEach(stream -> read.put(stream, new ArrayList<>()));
        String sql = "select aggregate_identifier, sequence_number, submission_key from domain_event_entry "
                + "where aggregate_identifier in " + InList.of(streams)
                + " order by aggregate_identifier, sequence_number";
        entityManagers.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        read.get(rows.getString(1)).add(new Entry(rows.getLong(2), rows.getString(3)));
                    }
                }
            }
        });
        return read;
    }
}
