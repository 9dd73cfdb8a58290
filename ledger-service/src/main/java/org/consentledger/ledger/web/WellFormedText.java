package org.consentledger.ledger.web;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.consentledger.ledger.LedgerRejection;

/**
 * Every text a request carries must be text every store and every reader of the ledger's evidence holds alike:
 * Unicode without unpaired surrogates (which JSON's {@code \ud800} escape can smuggle in, and which no UTF-8 store,
 * canonical form or hash can represent) and without NUL (which PostgreSQL refuses and H2 keeps). Checked on the
 * request as read, so the refusal names the field and nothing is recorded.
 */
public final class WellFormedText {

    /** A request body whose parts are accepted or refused one by one: its controller checks each part. */
    public interface Separately {
    }

    private WellFormedText() {
    }

    /**
     * @param value a request body or part of one: records, lists, maps and strings are looked into
     * @param path  where {@code value} is in the request, such as {@code decisions[2].consent}; empty at the top
     */
    public static void check(Object value, String path) {
        if (value instanceof String text) {
            String fault = fault(text);
            if (fault != null) {
                String field = path.isEmpty() ? "body" : path;
                throw LedgerRejection.malformed(field, field + " " + fault);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                check(list.get(i), path + "[" + i + "]");
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, member) -> {
                check(key, path);
                check(member, join(path, String.valueOf(key)));
            });
        } else if (value != null && value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                check(read(component, value), join(path, component.getName()));
            }
        }
    }

    /** What is wrong with the text, or null when nothing is. */
    static String fault(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains a NUL character";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate (\\u%04x), which is not Unicode text".formatted((int) c);
            }
        }
        return null;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
