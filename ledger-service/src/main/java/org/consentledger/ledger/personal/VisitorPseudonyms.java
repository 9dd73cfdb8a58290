package org.consentledger.ledger.personal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.consentledger.support.BoundedMap;

/**
 * Keyed hashes (HMAC-SHA256 under the ledger's pseudonym secret) that stand for a visitor id, or a client's id of a
 * submission, wherever the ledger would otherwise write it: stream names, read models, the submission index. Without
 * the secret they cannot be computed, so trying every likely visitor id against the database leads nowhere.
 */
public final class VisitorPseudonyms {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    /** 22 base64url characters: 132 bits, far from any collision, and short in every index that holds them. */
    private static final int PSEUDONYM_LENGTH = 22;

    /** Enough for the visitors active at once on a busy ledger; one past it is named by a keyed hash again. */
    private static final int REMEMBERED_STREAMS = 100_000;

    /** Initialized once with the secret; each use takes a clone, which is cheaper than a new instance. */
    private final Mac prototype;
    private final Map<StreamOf, String> streams = BoundedMap.concurrentEmptiedWhenFull(REMEMBERED_STREAMS);

    public VisitorPseudonyms(LedgerSecrets secrets) {
        try {
            this.prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(secrets.pseudonymSecret(), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /**
     * The stream of a visitor's events on a site, {@code site/pseudonym}: the n-th stream of that visitor, since a
     * visitor erased and seen again starts a new one ({@code generation} 0 first).
     */
    public String stream(String siteId, String visitorId, int generation) {
        // Kept in memory only: a visitor who comes back is named again without a keyed hash.
        return streams.computeIfAbsent(new StreamOf(siteId, visitorId, generation), of ->
                siteId + "/" + keyed("stream", siteId, visitorId, Integer.toString(generation))
                        .substring(0, PSEUDONYM_LENGTH));
    }

    private record StreamOf(String siteId, String visitorId, int generation) {
    }

    /** What a client's id of a submission (a consent id, a withdrawal id) is indexed as within its stream. */
    public String submission(String stream, String kind, String clientId) {
        return kind + ":" + keyed("submission", stream, kind, clientId).substring(0, PSEUDONYM_LENGTH);
    }

    /** Names the secret without giving it away: a keyed hash of a fixed text. */
    public String fingerprint() {
        return keyed("fingerprint");
    }

    private String keyed(String purpose, String... parts) {
        try {
            Mac hmac = (Mac) prototype.clone();
            hmac.update(purpose.getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                // Lengths first, so that no two lists of parts hash the same text.
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                hmac.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                hmac.update((byte) ':');
                hmac.update(bytes);
            }
            return URL.encodeToString(hmac.doFinal());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HMAC-SHA256 can be cloned", e);
        }
    }
}
