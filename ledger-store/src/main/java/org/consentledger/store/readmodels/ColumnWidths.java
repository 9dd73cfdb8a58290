package org.consentledger.store.readmodels;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The widest value each text column of a table holds, as the database declares it now. */
public class ColumnWidths {

    private final JdbcClient jdbc;

    public ColumnWidths(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** By lower-case column name; columns without a declared width are left out. */
    public Map<String, Integer> of(String table) {
        Map<String, Integer> widths = new HashMap<>();
        jdbc.sql("""
                        select column_name, character_maximum_length from information_schema.columns
                         where lower(table_name) = ? and table_schema = current_schema
                           and character_maximum_length is not null
                        """)
                .param(table)
                .query(rs -> {
                    widths.put(rs.getString(1).toLowerCase(Locale.ROOT), (int) Math.min(Integer.MAX_VALUE,
                            rs.getLong(2)));
                });
        return Map.copyOf(widths);
    }
}
