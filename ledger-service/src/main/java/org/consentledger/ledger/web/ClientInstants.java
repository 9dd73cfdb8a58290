package org.consentledger.ledger.web;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consentledger.ledger.store.StoredInstants;

/**
 * The one form in which clients give instants: RFC 3339 with seconds, {@code 2026-11-23T10:00:00Z}, optionally with
 * a fraction of up to nine digits, and either {@code Z} or a numeric offset such as {@code +02:00}, which is taken
 * for the instant it names (the ledger stores and answers in UTC). Everything else is refused rather than guessed:
 * numbers (epoch seconds or milliseconds?), a leap second {@code :60} and the hour {@code 24}, which other parsers
 * quietly move to another instant.
 */
public final class ClientInstants {

    public static final String FORM = "an RFC 3339 instant such as 2026-11-23T10:00:00Z (or with an offset, "
            + "such as 2026-11-23T12:00:00+02:00)";

    private static final Pattern WITH_OFFSET = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)([+-])(\\d{2}):(\\d{2})");

    private ClientInstants() {
    }

    /** The instant {@code text} names, or null when it is not of the accepted form. */
    public static Instant parse(String text) {
        Instant utc = StoredInstants.parse(text);
        if (utc != null) {
            return utc;
        }
        Matcher offset = WITH_OFFSET.matcher(text);
        if (!offset.matches()) {
            return null;
        }
        Instant local = StoredInstants.parse(offset.group(1) + "Z");
        int hours = Integer.parseInt(offset.group(3));
        int minutes = Integer.parseInt(offset.group(4));
        if (local == null || hours > 18 || minutes > 59) {
            return null;
        }
        int seconds = hours * 3_600 + minutes * 60;
        return local.minusSeconds(offset.group(2).equals("-") ? -seconds : seconds);
    }
}
