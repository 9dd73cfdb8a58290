package org.consentledger.ledger.personal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The secrets that keep personal data unreadable in the database: the pseudonym secret, which turns a visitor id into
 * the keyed hash every table is keyed by, and the key-encryption keys, which wrap each visitor's data key. They live
 * in one text file outside the database (generated on first start, readable by the owner only, mountable as a
 * secret), one {@code name base64-of-32-bytes} per line:
 *
 * <pre>
 * pseudonyms AAAA...=
 * kek-20261207 BBBB...=
 * </pre>
 *
 * The key-encryption key with the greatest name wraps new data keys; older ones still unwrap the keys they wrapped
 * until those are wrapped again (rotation: add a line, restart, and remove the old line once nothing uses it).
 */
public final class LedgerSecrets {

    static final int KEY_BYTES = 32;
    private static final String PSEUDONYMS = "pseudonyms";
    private static final Pattern KEK_NAME = Pattern.compile("kek-[A-Za-z0-9._-]{1,40}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] pseudonymSecret;
    private final SortedMap<String, byte[]> keyEncryptionKeys;

    public LedgerSecrets(byte[] pseudonymSecret, SortedMap<String, byte[]> keyEncryptionKeys) {
        if (pseudonymSecret.length != KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonym secret must be " + KEY_BYTES + " bytes");
        }
        if (keyEncryptionKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one key-encryption key is needed");
        }
        keyEncryptionKeys.forEach((name, key) -> {
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("key-encryption key " + name + " must be " + KEY_BYTES + " bytes");
            }
        });
        this.pseudonymSecret = pseudonymSecret.clone();
        this.keyEncryptionKeys = new TreeMap<>(keyEncryptionKeys);
    }

    public static LedgerSecrets loadOrCreate(Path file, Clock clock) {
        try {
            if (Files.exists(file)) {
                return parse(Files.readAllLines(file, StandardCharsets.US_ASCII), file);
            }
            String kekName = "kek-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                    .format(DateTimeFormatter.BASIC_ISO_DATE);
            String text = "# The consent ledger's secrets for personal data: keep them out of the repository and out of\n"
                    + "# the database's backups; without them no sealed personal part can be read again.\n"
                    + PSEUDONYMS + " " + randomKey() + "\n" + kekName + " " + randomKey() + "\n";
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the operator protects the file.
            }
            return parse(text.lines().toList(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the personal-data key file " + file, e);
        }
    }

    static LedgerSecrets parse(List<String> lines, Path file) {
        byte[] pseudonyms = null;
        SortedMap<String, byte[]> keks = new TreeMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalStateException(file + ": each line is a name and a base64 key, not \"" + parts[0] + " ...\"");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + ": the key of " + parts[0] + " is not base64");
            }
            if (parts[0].equals(PSEUDONYMS)) {
                pseudonyms = key;
            } else if (KEK_NAME.matcher(parts[0]).matches()) {
                if (keks.put(parts[0], key) != null) {
                    throw new IllegalStateException(file + ": " + parts[0] + " is given twice");
                }
            } else {
                throw new IllegalStateException(file + ": unknown name " + parts[0]
                        + " (expected \"pseudonyms\" or \"kek-<id>\")");
            }
        }
        if (pseudonyms == null) {
            throw new IllegalStateException(file + " has no pseudonyms line");
        }
        try {
            return new LedgerSecrets(pseudonyms, keks);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage());
        }
    }

    private static String randomKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    byte[] pseudonymSecret() {
        return pseudonymSecret.clone();
    }

    /** The key-encryption keys by name; the last one wraps new data keys. */
    SortedMap<String, byte[]> keyEncryptionKeys() {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        keyEncryptionKeys.forEach((name, key) -> copy.put(name, key.clone()));
        return copy;
    }
}
