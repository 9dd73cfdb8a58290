package org.consentledger.ledger.evidence;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Reads the form of instant that clients send nearly always, {@code 2026-11-23T10:00:00Z} with an optional fraction
 * of up to nine digits, without {@link java.time.format.DateTimeFormatter}: parsing two instants that way was a
 * twentieth of a point-in-time answer's CPU. Anything else (an offset, a leap second, another calendar form) is left
 * to the general parser.
 */
final class UtcInstants {

    private UtcInstants() {
    }

    /** The instant {@code text} names, if it has exactly the form above and is a valid date and time. */
    static Optional<Instant> parse(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || !separators(text)) {
            return Optional.empty();
        }
        int nanos = 0;
        if (length > 20) {
            int digits = length - 21;
            if (text.charAt(19) != '.' || digits < 1 || digits > 9) {
                return Optional.empty();
            }
            nanos = number(text, 20, 20 + digits);
            if (nanos < 0) {
                return Optional.empty();
            }
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static boolean separators(String text) {
        return text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':'
                && text.charAt(16) == ':';
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character there is not an ASCII digit. */
    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
