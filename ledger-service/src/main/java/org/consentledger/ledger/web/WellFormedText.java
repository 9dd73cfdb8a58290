package org.consentledger.ledger.web;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
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
        check(value, path, null);
    }

    /**
     * Most members are absent or well formed, so a member's path is only spelled out when it is looked into or named
     * in a refusal: a batch holds a thousand decisions of some twenty members each.
     *
     * @param name the member's name under {@code path}, or null when {@code value} is at {@code path} itself
     */
    private static void check(Object value, String path, String name) {
        if (value == null) {
            return;
        }
        if (value instanceof String text) {
            String fault = fault(text);
            if (fault != null) {
                String where = where(path, name);
                String field = where.isEmpty() ? "body" : where;
                throw LedgerRejection.malformed(field, field + " " + fault);
            }
        } else if (value instanceof List<?> list) {
            String here = where(path, name);
            for (int i = 0; i < list.size(); i++) {
                check(list.get(i), here + "[" + i + "]", null);
            }
        } else if (value instanceof Map<?, ?> map) {
            String here = where(path, name);
            map.forEach((key, member) -> {
                check(key, here, null);
                check(member, here, String.valueOf(key));
            });
        } else if (value.getClass().isRecord()) {
            String here = where(path, name);
            for (Member member : MEMBERS.get(value.getClass())) {
                check(member.read(value), here, member.name());
            }
        }
    }

    /** A record's members, looked up once per type rather than for every request. */
    private static final ClassValue<List<Member>> MEMBERS = new ClassValue<>() {
        @Override
        protected List<Member> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(Member::of).toList();
        }
    };

    private record Member(String name, Method accessor) {

        static Member of(RecordComponent component) {
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            return new Member(component.getName(), accessor);
        }

        Object read(Object record) {
            try {
                return accessor.invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + name + " of " + record.getClass(), e);
            }
        }
    }

    /** The path of a member: its name after a dot. */
    private static String where(String path, String name) {
        if (name == null) {
            return path;
        }
        return path.isEmpty() ? name : path + "." + name;
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
}
