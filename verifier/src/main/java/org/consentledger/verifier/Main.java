package org.consentledger.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * {@code verify BUNDLE.json --public-key KEY.pem}: checks an evidence bundle offline and explains what it checked.
 * Exit code 0 when everything holds, 1 when something does not, 2 when the command is wrong.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        if (args.length != 4 || !args[0].equals("verify") || !args[2].equals("--public-key")) {
            out.println("usage: verify BUNDLE.json --public-key KEY.pem");
            return 2;
        }
        PublicKey key;
        String bundle;
        try {
            bundle = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
            key = readPublicKey(Files.readString(Path.of(args[3]), StandardCharsets.US_ASCII));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            out.println("cannot read the bundle or the key: " + e.getMessage());
            return 2;
        }
        BundleVerifier.Verification verification = BundleVerifier.verify(bundle, key);
        verification.findings().forEach(f -> out.println((f.holds() ? "  ok    " : "  FAILS ") + f.statement()));
        out.println();
        if (verification.verified()) {
            out.println("VERIFIED. The answer in this bundle follows, by the ledger's published rule, from events that the");
            out.println("ledger committed to in a signed log: none of them was altered, removed or reordered since the");
            out.println("checkpoint. This does not show that the events are true to what the visitor did (only that the");
            out.println("ledger recorded them so), nor that no later checkpoint contradicts this one: compare checkpoints");
            out.println("kept by others (the consent-checkpoints topic) with a consistency proof for that.");
            return 0;
        }
        out.println("NOT VERIFIED: at least one check above fails, so this bundle is not evidence of its answer.");
        return 1;
    }

    public static PublicKey readPublicKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("(?s).*-----BEGIN PUBLIC KEY-----(.*)-----END PUBLIC KEY-----.*", "$1").strip();
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
    }
}
