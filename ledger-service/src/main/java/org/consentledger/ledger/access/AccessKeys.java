package org.consentledger.ledger.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The keys the ledger accepts, found by their token's hash. */
@Component
public class AccessKeys {

    private static final Logger log = LoggerFactory.getLogger(AccessKeys.class);

    private final Map<String, AccessProperties.Key> byHash = new HashMap<>();

    AccessKeys(AccessProperties properties) {
        List<AccessProperties.Key> keys = properties.keys().isEmpty()
                ? List.of(generated(properties.tokenFile())) : properties.keys();
        for (AccessProperties.Key key : keys) {
            if (key.tokenSha256() == null || !key.tokenSha256().matches("[0-9a-fA-F]{64}")) {
                throw new IllegalStateException("ledger.access key '%s': token-sha256 must be 64 hex digits"
                        .formatted(key.name()));
            }
            byHash.put(key.tokenSha256().toLowerCase(Locale.ROOT), key);
        }
    }

    /** The key a bearer token belongs to. */
    public Optional<AccessProperties.Key> byToken(String token) {
        return Optional.ofNullable(byHash.get(sha256(token)));
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key of the token in {@code tokenFile}, made on the first start without configured keys. Several instances
     * started at once on one machine with the same file agree on one token: the file appears whole or not at all.
     */
    private static AccessProperties.Key generated(Path tokenFile) {
        try {
            if (!Files.exists(tokenFile)) {
                write(tokenFile);
            }
            String token = Files.readString(tokenFile).strip();
            log.info("No ledger.access.keys configured: the token in {} has every role for every site", tokenFile);
            return new AccessProperties.Key("generated", sha256(token), EnumSet.allOf(Role.class), Set.of("*"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make or read the access token file " + tokenFile, e);
        }
    }

    private static void write(Path tokenFile) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path directory = tokenFile.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, "access-token", ".tmp");
        try {
            if (Files.getFileStore(partial).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(partial, token + "\n");
            // A plain move would replace a token another instance has just written; a link fails instead.
            Files.createLink(tokenFile, partial);
        } catch (FileAlreadyExistsException alreadyMade) {
            // Another instance made it first: use that one.
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
