package org.consentledger.ledger.personal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.consentledger.api.consent.VisitorStreams;

/** Fixed secrets for tests that name visitor streams and seal personal parts without a key file. */
public final class TestSecrets {

    private TestSecrets() {
    }

    public static LedgerSecrets secrets() {
        byte[] pseudonyms = new byte[32];
        Arrays.fill(pseudonyms, (byte) 7);
        byte[] kek = new byte[32];
        Arrays.fill(kek, (byte) 9);
        return new LedgerSecrets(pseudonyms, new TreeMap<>(Map.of("kek-1", kek)));
    }

    public static VisitorPseudonyms pseudonyms() {
        return new VisitorPseudonyms(secrets());
    }

    /** The streams of visitors never erased. */
    public static VisitorStreams streams() {
        return new VisitorStreams() {
            @Override
            public String current(String siteId, String visitorId) {
                return pseudonyms().stream(siteId, visitorId, 0);
            }

            @Override
            public String first(String siteId, String visitorId) {
                return current(siteId, visitorId);
            }

            @Override
            public String current(String siteId, String visitorId, List<Erasure> erased) {
                return current(siteId, visitorId);
            }
        };
    }
}
