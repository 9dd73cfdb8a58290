package org.consentledger.verifier;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ledger's signed statement that the first {@code treeSize} leaves of its Merkle log have the root
 * {@code rootHash}. The signature (Ed25519, base64) is over the RFC 8785 form of
 * {@code {"keyId", "rootHash", "signedAt", "treeSize"}}: size and root are signed together, because a proof
 * alone does not pin the size.
 */
public record SignedCheckpoint(long treeSize, String rootHash, Instant signedAt, String keyId, String signature) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public byte[] signedBytes() {
        return signedBytes(treeSize, rootHash, signedAt, keyId);
    }

    public static byte[] signedBytes(long treeSize, String rootHash, Instant signedAt, String keyId) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("treeSize", treeSize);
        statement.put("rootHash", rootHash);
        statement.put("signedAt", signedAt.toString());
        statement.put("keyId", keyId);
        return CanonicalJson.canonicalize(statement);
    }

    public boolean signedBy(PublicKey key) {
        return Signatures.verify(key, signedBytes(), signature);
    }

    /** Ed25519 signatures as the ledger makes them, and the id it gives a key. */
    public static final class Signatures {

        private Signatures() {
        }

        public static boolean verify(PublicKey key, byte[] message, String base64Signature) {
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(message);
                return verifier.verify(Base64.getDecoder().decode(base64Signature));
            } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
                return false;
            }
        }

        /** The first 16 hex digits of the SHA-256 of the key's X.509 (SubjectPublicKeyInfo) form. */
        public static String keyId(PublicKey key) {
            return EventHash.sha256Hex(key.getEncoded()).substring(0, 16);
        }
    }
}
