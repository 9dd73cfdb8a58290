package org.consentledger.ledger.consent;

import java.util.LinkedHashMap;
import java.util.Map;
import org.consentledger.ledger.LedgerRejection;

/**
 * The page, address and user agent go to the personal part with the rest of the evidence, under their own names;
 * the same name given twice with two values is refused rather than one of them kept.
 */
final class PersonalFields {

    static final String USER_AGENT = "userAgent";

    private PersonalFields() {
    }

    static Map<String, String> withEvidence(Map<String, String> evidence, String pageUrl, String ipAddress,
                                            String userAgent) {
        Map<String, String> all = new LinkedHashMap<>(evidence == null ? Map.of() : evidence);
        put(all, ContextRules.PAGE_URL, pageUrl);
        put(all, IpAddresses.KEY, ipAddress);
        put(all, USER_AGENT, userAgent);
        return Map.copyOf(all);
    }

    /** A browser's own request: the address and user agent are the ones the ledger saw, not ones the page says. */
    static void notClaimed(String ipAddress, String userAgent, Map<String, String> evidence) {
        boolean claimed = ipAddress != null || (evidence != null && evidence.containsKey(IpAddresses.KEY));
        if (claimed || userAgent != null || (evidence != null && evidence.containsKey(USER_AGENT))) {
            throw LedgerRejection.invalid(claimed ? IpAddresses.KEY : USER_AGENT, "a browser's decision records the "
                    + "address and user agent its request came with; leave out ipAddress and userAgent");
        }
    }

    private static void put(Map<String, String> evidence, String name, String value) {
        if (value == null) {
            return;
        }
        String given = evidence.putIfAbsent(name, value);
        if (given != null && !given.equals(value)) {
            throw LedgerRejection.invalid(name, "%s is given twice, here and as evidence.%s, with two values"
                    .formatted(name, name));
        }
    }
}
