package org.consentledger.verifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hash the ledger gives every stored event, chaining the events of one stream together.
 *
 * <h2>Specification</h2>
 *
 * An event's hash is
 *
 * <pre>
 *   lower-case hex( SHA-256( JCS( {
 *       "eventId":      &lt;event id, JSON string&gt;,
 *       "type":         &lt;event type, JSON string&gt;,
 *       "stream":       &lt;stream id (the visitor's stream), JSON string&gt;,
 *       "sequence":     &lt;position in the stream, JSON integer &gt;= 0&gt;,
 *       "payload":      &lt;the event's payload, any JSON value&gt;,
 *       "previousHash": &lt;hash of the previous event in the same stream, JSON string&gt;
 *   } ) ) )
 * </pre>
 *
 * where JCS is the JSON Canonicalization Scheme of RFC 8785 (see {@link CanonicalJson}: members
 * sorted by name, no whitespace, minimal string escaping, UTF-8; the ledger's JSON holds integers
 * only). The object has exactly these six members. The first event of a stream has
 * {@code previousHash} = {@link #GENESIS}, 64 {@code '0'} characters; every later event has the
 * hash of the event before it in the same stream, so altering, removing or reordering an event
 * changes the hash of every later event of that stream.
 *
 * <h2>Example</h2>
 *
 * The first event of a stream, canonical form (one line, UTF-8; {@code ü} is the two bytes
 * {@code c3 bc}):
 *
 * <pre>
 * {"eventId":"3f1c2a9e-8d4b-4c1e-9a7f-2b5d6e8f0a13","payload":{"banner":"eu-v2","categories":{"analytics":true,"marketing":false,"necessary":true},"label":"Zürich \"Büro\"","locale":"de-CH","policyVersion":3,"purposes":[1,2,7],"recordedAt":1767225600000,"withdrawnAt":null},"previousHash":"0000000000000000000000000000000000000000000000000000000000000000","sequence":0,"stream":"visitor-7f3e9c","type":"ConsentGiven"}
 * </pre>
 *
 * has the hash {@code 5d8513a4533fe6a7f40aeeba227ee81bc4d3f9deb873f8373a4c400e741f0b20}.
 */
public final class EventHash {

    /** The {@code previousHash} of a stream's first event: 64 {@code '0'} characters. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private EventHash() {
    }

    /**
     * Computes an event's hash as specified in the class documentation.
     *
     * @throws NullPointerException if any argument is null (a JSON {@code null} payload is
     *         {@code NullNode}, not a Java null)
     * @throws IllegalArgumentException if {@code sequence} is negative, {@code previousHash} is not
     *         64 lower-case hex characters, or the payload has no canonical form
     */
    public static String of(String eventId, String type, String stream, long sequence, JsonNode payload,
            String previousHash) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(previousHash, "previousHash");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, was " + sequence);
        }
        // Only one spelling is accepted: an upper-case previousHash would hash differently and
        // silently break the chain for anyone comparing strings.
        if (!isHash(previousHash)) {
            throw new IllegalArgumentException(
                    "previousHash must be 64 lower-case hex characters, was \"" + previousHash + "\"");
        }
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("eventId", eventId);
        event.put("type", type);
        event.put("stream", stream);
        event.put("sequence", sequence);
        event.set("payload", payload);
        event.put("previousHash", previousHash);
        return sha256Hex(CanonicalJson.canonicalize(event));
    }

    /** Whether {@code s} has the form of an event hash: 64 lower-case hex characters. */
    public static boolean isHash(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** SHA-256 of {@code bytes}, as 64 lower-case hex characters. */
    public static String sha256Hex(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        try {
            return toHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** Lower-case hex of {@code bytes}. */
    public static String toHex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /**
     * Bytes of a hex string; either case is accepted.
     *
     * @throws IllegalArgumentException if {@code hex} has odd length or a non-hex character
     */
    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }
}
