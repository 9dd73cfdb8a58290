package org.consentledger.verifier;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Canonicalization Scheme (RFC 8785, "JCS"), limited to the JSON the ledger writes.
 *
 * <p>Two parties who hold the same JSON value get the same bytes, whatever order or whitespace
 * their serializers used, so a hash over those bytes can be recomputed by anyone:
 * <ul>
 *   <li>object members are sorted by name, names compared as sequences of UTF-16 code units
 *       (RFC 8785 §3.2.3), which is what {@link String#compareTo} does;</li>
 *   <li>no whitespace between tokens;</li>
 *   <li>in strings only {@code "}, {@code \} and the controls U+0000..U+001F are escaped, as
 *       {@code \b \t \n \f \r} where JSON has a short form and as <code>&#92;u00xx</code> (lower-case hex)
 *       otherwise; everything else, {@code /} and all non-ASCII included, is written as UTF-8;</li>
 *   <li>{@code true}, {@code false} and {@code null} as themselves.</li>
 * </ul>
 *
 * <p>Numbers: RFC 8785 serializes every number the way ECMAScript prints an IEEE-754 double. The
 * ledger stores only integers, and for an integer of magnitude at most 2^53-1 that rule yields its
 * plain decimal digits, which is what is written here. Integer nodes of larger magnitude are also
 * written as their exact decimal digits, where a JCS implementation working on doubles would
 * round them: an independent verifier must read such integers exactly. Anything that is not an
 * integer is refused rather than given a second, easy to get wrong, canonical form: fractions,
 * NaN and infinities, and floating-point values beyond ±(2^53-1), where a double can no longer
 * tell which integer it came from.
 */
public final class CanonicalJson {

    private static final BigDecimal MAX_SAFE_INTEGER = BigDecimal.valueOf((1L << 53) - 1);

    // Duplicate names would make "the" value of a member depend on the parser, so they are an error,
    // as is anything after the first value.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CanonicalJson() {
    }

    /**
     * Returns the canonical UTF-8 bytes of {@code node}.
     *
     * @throws IllegalArgumentException if the tree holds a non-integral number, a string with an
     *         unpaired surrogate, or a node that is not JSON (missing, binary, POJO)
     */
    public static byte[] canonicalize(JsonNode node) {
        return canonicalize(node, 512);
    }

    /**
     * As {@link #canonicalize(JsonNode)}, writing into a buffer of about {@code expectedBytes} from the start: a
     * large document then is not copied again each time its buffer doubles.
     */
    public static byte[] canonicalize(JsonNode node, int expectedBytes) {
        Objects.requireNonNull(node, "node");
        Utf8Out out = new Utf8Out(Math.max(16, expectedBytes));
        write(node, out);
        return out.toByteArray();
    }

    /**
     * Parses {@code json} and returns its canonical UTF-8 bytes.
     *
     * @throws IllegalArgumentException if {@code json} is not a single well-formed JSON value, has
     *         an object with a repeated member name, or is refused by {@link #canonicalize(JsonNode)}
     */
    public static byte[] canonicalize(String json) {
        return canonicalize(readStrict(json));
    }

    /**
     * Reads {@code json} as exactly one JSON value, refusing repeated member names and anything after the value.
     * Read from its UTF-8 bytes: Jackson's reader of Strings takes a non-ASCII character among the four hex digits
     * of a <code>&#92;u</code> escape by its low byte (<code>"&#92;u004ı"</code> as {@code "A"}), where JSON has no
     * such escape and its reader of bytes refuses one. Text that differs from what was signed must not read as
     * the same value.
     *
     * @throws IllegalArgumentException if {@code json} is not a single well-formed JSON value, repeats a member name
     *         or holds an unpaired surrogate
     */
    static JsonNode readStrict(String json) {
        Objects.requireNonNull(json, "json");
        ByteBuffer utf8;
        try {
            utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(json));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not a single well-formed JSON value: it has an unpaired surrogate", e);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(utf8.array(), utf8.arrayOffset(), utf8.limit());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a single well-formed JSON value: " + e.getMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("not a single well-formed JSON value: no content");
        }
        return node;
    }

    private static void write(JsonNode node, Utf8Out out) {
        switch (node.getNodeType()) {
            case OBJECT:
                writeObject(node, out);
                break;
            case ARRAY:
                out.ascii('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.ascii(',');
                    }
                    write(node.get(i), out);
                }
                out.ascii(']');
                break;
            case STRING:
                writeString(node.stringValue(), out);
                break;
            case NUMBER:
                writeNumber(node, out);
                break;
            case BOOLEAN:
                out.ascii(node.booleanValue() ? "true" : "false");
                break;
            case NULL:
                out.ascii("null");
                break;
            default:
                throw new IllegalArgumentException("not a JSON value: " + node.getNodeType() + " node");
        }
    }

    private static void writeObject(JsonNode node, Utf8Out out) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
        members.sort(Map.Entry.comparingByKey());
        out.ascii('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> member : members) {
            if (!first) {
                out.ascii(',');
            }
            first = false;
            writeString(member.getKey(), out);
            out.ascii(':');
            write(member.getValue(), out);
        }
        out.ascii('}');
    }

    private static void writeNumber(JsonNode node, Utf8Out out) {
        if (node.isIntegralNumber()) {
            out.ascii(node.canConvertToLong() ? Long.toString(node.longValue()) : node.bigIntegerValue().toString());
            return;
        }
        if (!node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
            throw fractional(node);
        }
        BigDecimal value = node.decimalValue();
        boolean integral = value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
        if (!integral || value.abs().compareTo(MAX_SAFE_INTEGER) > 0) {
            throw fractional(node);
        }
        // toBigIntegerExact also turns -0.0 into 0, as ECMAScript prints it.
        out.ascii(value.toBigIntegerExact().toString());
    }

    private static IllegalArgumentException fractional(JsonNode node) {
        return new IllegalArgumentException("the ledger's canonical form has no fractional numbers: " + node
                + " (only integers, and floating-point values that are integers within ±(2^53-1), are accepted)");
    }

    private static void writeString(String s, Utf8Out out) {
        // At most 6 bytes a char (a six-character escape): the string is written without a bounds check per char.
        out.ensure(s.length() * 6 + 2);
        byte[] bytes = out.bytes;
        int at = out.size;
        bytes[at++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                bytes[at++] = (byte) c;
                continue;
            }
            switch (c) {
                case '"' -> at = put(bytes, at, '\\', '"');
                case '\\' -> at = put(bytes, at, '\\', '\\');
                case '\b' -> at = put(bytes, at, '\\', 'b');
                case '\t' -> at = put(bytes, at, '\\', 't');
                case '\n' -> at = put(bytes, at, '\\', 'n');
                case '\f' -> at = put(bytes, at, '\\', 'f');
                case '\r' -> at = put(bytes, at, '\\', 'r');
                default -> {
                    if (c < 0x20) {
                        at = put(bytes, at, '\\', 'u');
                        at = put(bytes, at, '0', '0');
                        at = put(bytes, at, Character.forDigit(c >> 4, 16), Character.forDigit(c & 0xF, 16));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        at = Utf8Out.codePoint(bytes, at, Character.toCodePoint(c, s.charAt(++i)));
                    } else if (Character.isSurrogate(c)) {
                        // UTF-8 cannot encode it; silently writing '?' would let two strings share a hash.
                        throw new IllegalArgumentException(
                                "string has an unpaired surrogate U+" + Integer.toHexString(c) + " at index " + i);
                    } else {
                        at = Utf8Out.codePoint(bytes, at, c);
                    }
                }
            }
        }
        bytes[at++] = '"';
        out.size = at;
    }

    private static int put(byte[] bytes, int at, char first, char second) {
        bytes[at] = (byte) first;
        bytes[at + 1] = (byte) second;
        return at + 2;
    }

    /**
     * UTF-8 written straight into bytes: every event's hash goes through here, and a String built only to be
     * encoded again is one more copy of every event.
     */
    private static final class Utf8Out {
        private byte[] bytes;
        private int size;

        Utf8Out(int capacity) {
            bytes = new byte[capacity];
        }

        Utf8Out ascii(char c) {
            ensure(1);
            bytes[size++] = (byte) c;
            return this;
        }

        Utf8Out ascii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                bytes[size++] = (byte) s.charAt(i);
            }
            return this;
        }

        /** Writes {@code cp} (not ASCII) at {@code at}; gives the index after it. */
        static int codePoint(byte[] bytes, int at, int cp) {
            if (cp < 0x800) {
                bytes[at++] = (byte) (0xC0 | cp >> 6);
            } else if (cp < 0x10000) {
                bytes[at++] = (byte) (0xE0 | cp >> 12);
                bytes[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
            } else {
                bytes[at++] = (byte) (0xF0 | cp >> 18);
                bytes[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                bytes[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
            }
            bytes[at++] = (byte) (0x80 | cp & 0x3F);
            return at;
        }

        void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }
}
