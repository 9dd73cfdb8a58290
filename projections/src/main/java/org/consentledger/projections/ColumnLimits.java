package org.consentledger.projections;

import java.util.Map;
import org.consentledger.store.readmodels.ColumnWidths;

/**
 * The widest value each text column of a read model's table holds, as the database declares it (so a column an
 * operator widened is taken at its new width after a restart). Handlers check an event's values against it before
 * writing, because a value that does not fit would otherwise fail the batch's commit again on every retry.
 */
public final class ColumnLimits {

    private final ColumnWidths widths;
    private final String readModel;
    private final String table;
    private volatile Map<String, Integer> limits;

    public ColumnLimits(ColumnWidths widths, String readModel, String table) {
        this.widths = widths;
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
            limits = known = widths.of(table);
        }
        return known;
    }
}
