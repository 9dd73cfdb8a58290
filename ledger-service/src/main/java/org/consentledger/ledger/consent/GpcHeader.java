package org.consentledger.ledger.consent;

/** The Global Privacy Control header, as browsers send it: {@code 1} means the signal is on, and nothing else does. */
public final class GpcHeader {

    public static final String NAME = "Sec-GPC";

    private GpcHeader() {
    }

    public static boolean on(String header) {
        return header != null && header.strip().equals("1");
    }
}
