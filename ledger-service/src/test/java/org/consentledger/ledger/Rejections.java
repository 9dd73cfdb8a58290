package org.consentledger.ledger;

import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;

public final class Rejections {

    private Rejections() {
    }

    /** Matches a rejection of the given kind naming the given field. */
    public static Matcher<Object> rejection(LedgerRejection.Kind kind, String field) {
        return Matchers.predicate(e -> e instanceof LedgerRejection r && r.kind() == kind && field.equals(r.field()));
    }
}
