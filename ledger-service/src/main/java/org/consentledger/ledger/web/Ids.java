package org.consentledger.ledger.web;

import java.util.regex.Pattern;
import org.consentledger.ledger.LedgerRejection;

/**
 * The forms of the ids that appear in paths. Site ids are host-like and never contain '/', which keeps a visitor's
 * stream name ({@code site/visitor}) unambiguous.
 */
public final class Ids {

    private static final Pattern SITE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final Pattern VISITOR = Pattern.compile("[A-Za-z0-9._:~+=@-]{1,200}");

    private Ids() {
    }

    public static String site(String siteId) {
        if (!SITE.matcher(siteId).matches()) {
            throw LedgerRejection.malformed("siteId",
                    "a site id is 1-200 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return siteId;
    }

    public static String visitor(String visitorId) {
        if (!VISITOR.matcher(visitorId).matches()) {
            throw LedgerRejection.malformed("visitorId",
                    "a visitor id is 1-200 letters, digits or any of . _ : ~ + = @ -");
        }
        return visitorId;
    }
}
