package org.consentledger.ledger.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consentledger.verifier.EventHash;

/**
 * The Ed25519 key that signs checkpoints, with the JDK's own EdDSA. Read from a PEM file holding the private and the
 * public key, or generated into it on first start (readable by the owner only). Its id is the first 16 hex digits of the SHA-256 of the public
 * key's DER form, so a checkpoint names the key that can verify it.
 */
public final class CheckpointKey {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private CheckpointKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = EventHash.sha256Hex(publicKey.getEncoded()).substring(0, 16);
    }

    public static CheckpointKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                    + pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the operator protects the file.
            }
            return new CheckpointKey(pair.getPrivate(), pair.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the checkpoint signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the checkpoint signing key " + file, e);
        }
    }

    /** A file with a "PRIVATE KEY" (PKCS#8) and its "PUBLIC KEY" (X.509) block; both are checked to match. */
    static CheckpointKey fromPem(String pem) throws GeneralSecurityException {
        KeyFactory keys = KeyFactory.getInstance("Ed25519");
        PrivateKey privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(block(pem, "PRIVATE KEY")));
        PublicKey publicKey = keys.generatePublic(new X509EncodedKeySpec(block(pem, "PUBLIC KEY")));
        CheckpointKey key = new CheckpointKey(privateKey, publicKey);
        byte[] probe = "consent ledger checkpoint key check".getBytes(StandardCharsets.US_ASCII);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(probe);
        if (!verifier.verify(key.sign(probe))) {
            throw new GeneralSecurityException("the public key in the key file does not belong to its private key");
        }
        return key;
    }

    private static byte[] block(String pem, String type) throws GeneralSecurityException {
        Matcher m = Pattern.compile("-----BEGIN " + type + "-----([^-]+)-----END " + type + "-----").matcher(pem);
        if (!m.find()) {
            throw new GeneralSecurityException("the key file has no " + type + " block (append the public key with"
                    + " 'openssl pkey -in FILE -pubout >> FILE')");
        }
        return Base64.getMimeDecoder().decode(m.group(1).strip());
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a checkpoint", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as a PEM "PUBLIC KEY" (X.509 SubjectPublicKeyInfo), as auditors' tools read it. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
