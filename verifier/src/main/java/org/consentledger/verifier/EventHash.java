package org.consentledger.verifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hash the ledger gives every stored event, chaining the events of one stream together. Events are stored in
 * one of two formats; both hashes are specified here.
 *
 * <h2>Format 1</h2>
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
 * <h3>Example</h3>
 *
 * The first event of a stream, canonical form (one line, UTF-8; {@code ü} is the two bytes
 * {@code c3 bc}):
 *
 * <pre>
 * {"eventId":"3f1c2a9e-8d4b-4c1e-9a7f-2b5d6e8f0a13","payload":{"banner":"eu-v2","categories":{"analytics":true,"marketing":false,"necessary":true},"label":"Zürich \"Büro\"","locale":"de-CH","policyVersion":3,"purposes":[1,2,7],"recordedAt":1767225600000,"withdrawnAt":null},"previousHash":"0000000000000000000000000000000000000000000000000000000000000000","sequence":0,"stream":"visitor-7f3e9c","type":"ConsentGiven"}
 * </pre>
 *
 * has the hash {@code 5d8513a4533fe6a7f40aeeba227ee81bc4d3f9deb873f8373a4c400e741f0b20}.
 *
 * <h2>Format 2</h2>
 *
 * The event is split into a public part and a personal part; the hash covers the public part and a
 * {@link PersonalCommitment} to the personal part, so the personal part can be destroyed without changing it:
 *
 * <pre>
 *   lower-case hex( SHA-256( JCS( {
 *       "format":       2,
 *       "eventId":      &lt;event id, JSON string&gt;,
 *       "type":         &lt;the type's stable registered name, e.g. "consent.given"&gt;,
 *       "stream":       &lt;stream id, JSON string&gt;,
 *       "sequence":     &lt;position in the stream, JSON integer &gt;= 0&gt;,
 *       "public":       &lt;the public part, JSON object&gt;,
 *       "commitment":   &lt;64 lower-case hex, or null when the event has no personal part&gt;,
 *       "previousHash": &lt;as in format 1&gt;
 *   } ) ) )
 * </pre>
 *
 * an object of exactly these eight members.
 *
 * <h3>Example</h3>
 *
 * A {@code consent.given} whose personal part, canonical form ({@code –} is {@code e2 80 93}, {@code ü} is
 * {@code c3 bc}), is
 *
 * <pre>
 * {"consentId":"example-consent-1","evidence":{"banner":"Cookies? Ja, gern – Zürich","userAgent":"Mozilla/5.0"},"visitorId":"alice"}
 * </pre>
 *
 * with the salt {@code 000102…1e1f} (the 32 bytes 0x00 to 0x1f) has the commitment
 * {@code 8237647b07d81c28fbcc30c4a1ed399c321ea9837973c02a8416dd3883efde2e}. As the first event of its stream,
 * canonical form
 *
 * <pre>
 * {"commitment":"8237647b07d81c28fbcc30c4a1ed399c321ea9837973c02a8416dd3883efde2e","eventId":"0193f7a2-5c1e-7b4d-9e8f-3a2b1c0d4e5f","format":2,"previousHash":"0000000000000000000000000000000000000000000000000000000000000000","public":{"denied":["marketing"],"granted":["statistics"],"occurredAt":"2026-12-06T03:19:49Z","policyVersion":1,"recordedAt":"2026-12-06T03:19:49.883385Z","siteId":"smartbump.opendatasoft.com","source":"banner"},"sequence":0,"stream":"smartbump.opendatasoft.com/p-7c1e4b9a","type":"consent.given"}
 * </pre>
 *
 * it has the hash {@code 27ab31f9712b87ad7b149719a010ad8f48ec7421776a9a3d15a5f35429b389ec}.
 */
public final class EventHash {

    /** The {@code previousHash} of a stream's first event: 64 {@code '0'} characters. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private EventHash() {
    }

    /**
     * Computes the hash of an event of format 1, as specified in the class documentation.
     *
     * @throws NullPointerException if any argument is null (a JSON {@code null} payload is
     *         {@code NullNode}, not a Java null)
     * @throws IllegalArgumentException if {@code sequence} is negative, {@code previousHash} is not
     *         64 lower-case hex characters, or the payload has no canonical form
     */
    public static String of(String eventId, String type, String stream, long sequence, JsonNode payload,
            String previousHash) {
        Objects.requireNonNull(payload, "payload");
        ObjectNode event = header(eventId, type, stream, sequence, previousHash);
        event.set("payload", payload);
        return sha256Hex(CanonicalJson.canonicalize(event));
    }

    /**
     * Computes the hash of an event of format 2, as specified in the class documentation.
     *
     * @param type       the type's stable registered name ({@code consent.given})
     * @param commitment the {@link PersonalCommitment} to the personal part, or null when the event has none
     * @throws NullPointerException if any argument but {@code commitment} is null
     * @throws IllegalArgumentException if {@code sequence} is negative, {@code previousHash} or a non-null
     *         {@code commitment} is not 64 lower-case hex characters, or {@code publicPart} is not a JSON object or
     *         has no canonical form
     */
    public static String ofFormatTwo(String eventId, String type, String stream, long sequence, JsonNode publicPart,
            String commitment, String previousHash) {
        Objects.requireNonNull(publicPart, "publicPart");
        if (!publicPart.isObject()) {
            throw new IllegalArgumentException("the public part must be a JSON object, was " + publicPart.getNodeType());
        }
        if (commitment != null && !isHash(commitment)) {
            throw new IllegalArgumentException(
                    "commitment must be 64 lower-case hex characters or null, was \"" + commitment + "\"");
        }
        ObjectNode event = header(eventId, type, stream, sequence, previousHash);
        event.put("format", 2);
        event.set("public", publicPart);
        event.put("commitment", commitment);
        return sha256Hex(CanonicalJson.canonicalize(event));
    }

    private static ObjectNode header(String eventId, String type, String stream, long sequence, String previousHash) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stream, "stream");
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
        event.put("previousHash", previousHash);
        return event;
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
