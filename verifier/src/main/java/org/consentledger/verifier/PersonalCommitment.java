package org.consentledger.verifier;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * The salted commitment an event of format 2 holds in place of its personal part, so that the personal part can be
 * destroyed while the event's hash, and every proof built on it, stays as it was.
 *
 * <pre>
 *   commitment = lower-case hex( SHA-256( salt || JCS(personal) ) )
 * </pre>
 *
 * where {@code salt} is exactly {@value #SALT_BYTES} random bytes, kept with the personal part and destroyed with
 * it, {@code personal} a JSON object and {@code ||} byte concatenation. The salt keeps a guess of the personal part
 * (a visitor id, say) from being confirmed against the commitment. The worked example is in {@link EventHash}.
 */
public final class PersonalCommitment {

    /** The length of the salt, in bytes. */
    public static final int SALT_BYTES = 32;

    private PersonalCommitment() {
    }

    /**
     * The commitment to {@code personal} under {@code salt}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code salt} is not {@value #SALT_BYTES} bytes, or {@code personal} is not
     *         a JSON object or has no canonical form
     */
    public static String of(byte[] salt, JsonNode personal) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(personal, "personal");
        if (salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("salt must be " + SALT_BYTES + " bytes, was " + salt.length);
        }
        if (!personal.isObject()) {
            throw new IllegalArgumentException(
                    "the personal part must be a JSON object, was " + personal.getNodeType());
        }
        byte[] fields = CanonicalJson.canonicalize(personal);
        byte[] committed = new byte[SALT_BYTES + fields.length];
        System.arraycopy(salt, 0, committed, 0, SALT_BYTES);
        System.arraycopy(fields, 0, committed, SALT_BYTES, fields.length);
        return ofSaltedCanonical(committed);
    }

    /**
     * The commitment to bytes already laid out as {@code salt || JCS(personal)}, as the ledger seals them: the same
     * value as {@link #of} for that salt and part, without writing the part's canonical form again.
     *
     * @throws IllegalArgumentException if there are fewer bytes than a salt
     */
    public static String ofSaltedCanonical(byte[] saltedCanonical) {
        if (saltedCanonical.length < SALT_BYTES) {
            throw new IllegalArgumentException("fewer bytes than a salt: " + saltedCanonical.length);
        }
        return EventHash.sha256Hex(saltedCanonical);
    }
}
