package org.consentledger.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The values of an IN list written into the statement as string literals, for the queries that look up a batch of
 * rows by their ids.
 * <p>
 * Why not one parameter per value: H2 checks every row such a query finds against the parameters one after another,
 * so the query costs the rows found times the length of the list; a list of literals it turns into a sorted set.
 * For batches of hundreds of ids that check was a large part of the writer's and the Merkle log's work
 * (benchmark/MEASUREMENTS.md). PostgreSQL hashes either kind of list.
 * <p>
 * A quote is doubled, which is all a string literal needs in standard SQL (H2's, and PostgreSQL's with its default
 * {@code standard_conforming_strings}). The values are ids the ledger issued or checked the form of.
 */
public final class InList {

    /** Values per list: a writer's group of decisions (up to 1,000) in at most two statements. */
    public static final int MOST = 500;

    private InList() {
    }

    /** The distinct values, in order, split into lists of at most {@link #MOST}: one statement for each. */
    public static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> distinct = values.stream().distinct().toList();
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MOST) {
            chunks.add(distinct.subList(from, Math.min(from + MOST, distinct.size())));
        }
        return chunks;
    }

    /**
     * The rows {@code select} finds for these ids, a statement per {@link #MOST} of them.
     *
     * @param select a query ending in {@code where <column> in }, to which each list is appended
     */
    public static <T> List<T> rows(JdbcClient jdbc, String select, Collection<String> ids, RowMapper<T> mapper) {
        List<T> rows = new ArrayList<>();
        for (List<String> chunk : chunks(ids)) {
            rows.addAll(jdbc.sql(select + of(chunk)).query(mapper).list());
        }
        return rows;
    }

    /** {@code (1, 2)}: numbers need no quoting; for no values a list that matches nothing. */
    public static String ofNumbers(Collection<? extends Number> values) {
        if (values.isEmpty()) {
            return "(null)";
        }
        StringBuilder list = new StringBuilder(values.size() * 12);
        for (Number value : values) {
            list.append(list.isEmpty() ? '(' : ',').append(value.longValue());
        }
        return list.append(')').toString();
    }

    /** {@code ('a', 'b')}; for no values a list that matches nothing. */
    public static String of(Collection<String> values) {
        if (values.isEmpty()) {
            return "(null)";
        }
        StringBuilder list = new StringBuilder(values.size() * 40);
        for (String value : values) {
            list.append(list.isEmpty() ? "('" : ", '").append(value.replace("'", "''")).append('\'');
        }
        return list.append(')').toString();
    }
}
