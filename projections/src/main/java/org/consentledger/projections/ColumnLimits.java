package org.consentledger.projections;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The widest value each text column of a read model's table holds, as the database declares it (so a column an
 * operator widened is taken at its new width after a restart). Handlers check an event's values against it before
 * writing, because a value that does not fit would otherwise fail the batch's commit again on every retry.
 */
public final class ColumnLimits {

    private final JdbcClient jdbc;
    private final String readModel;
    private final String table;
    private volatile Map<String, Integer> limits;

    public ColumnLimits(JdbcClient jdbc, String readModel, String table) {
        this.jdbc = jdbc;
        this.readModel = readModel;
        this.table = table;
    }

    /** @throws ReadModelCannotHold when {@code value} is longer than {@code column} holds */
    public void check(String column, String value) {
        Integer limit = limits().get(column);
        if (limit != null && value != null && value.length() > limit) {
            throw new ReadModelCannotHold(readModel, column, value.length(), limit);
        }
    }

    private Map<String, Integer> limits() {
        Map<String, Integer> known = limits;
        if (known == null) {
            Map<String, Integer> read = new HashMap<>();
            jdbc.sql("""
                            select column_name, character_maximum_length from information_schema.columns
                             where lower(table_name) = ? and table_schema = current_schema
                               and character_maximum_length is not null
                            """)
                    .param(table)
                    .query(rs -> {
                        read.put(rs.getString(1).toLowerCase(Locale.ROOT), (int) Math.min(Integer.MAX_VALUE,
                                rs.getLong(2)));
                    });
            limits = known = Map.copyOf(read);
        }
        return known;
    }
}
