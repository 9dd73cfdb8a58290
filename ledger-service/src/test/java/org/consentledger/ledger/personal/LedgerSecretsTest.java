package org.consentledger.ledger.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerSecretsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    private static final String KEY_A = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String KEY_B = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    @TempDir
    Path dir;

    @Test
    void theFileIsMadeOnFirstStartForItsOwnerAloneAndReadTheSameAfterwards() throws Exception {
        Path file = dir.resolve("keys/personal-data.keys");

        LedgerSecrets made = LedgerSecrets.loadOrCreate(file, CLOCK);
        LedgerSecrets read = LedgerSecrets.loadOrCreate(file, CLOCK);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(read.pseudonymSecret()).isEqualTo(made.pseudonymSecret());
        assertThat(read.keyEncryptionKeys()).containsOnlyKeys("kek-20261207");
        assertThat(read.keyEncryptionKeys().get("kek-20261207")).isEqualTo(made.keyEncryptionKeys().get("kek-20261207"));
    }

    @Test
    void twoLedgersMakeDifferentSecrets() {
        LedgerSecrets one = LedgerSecrets.loadOrCreate(dir.resolve("one"), CLOCK);
        LedgerSecrets two = LedgerSecrets.loadOrCreate(dir.resolve("two"), CLOCK);

        assertThat(one.pseudonymSecret()).isNotEqualTo(two.pseudonymSecret());
    }

    @Test
    void anOperatorAddsAKeyEncryptionKeyByAddingALine() {
        LedgerSecrets secrets = LedgerSecrets.parse(List.of("# comment", "", "pseudonyms " + KEY_A,
                "kek-2026 " + KEY_A, "kek-2027 " + KEY_B), Path.of("f"));

        assertThat(new KeyWrapping(secrets).currentKeyName()).isEqualTo("kek-2027");
    }

    @Test
    void aFileThatCannotBeTrustedIsRefusedNamingWhatIsWrong() {
        Path f = Path.of("f");
        assertThatThrownBy(() -> LedgerSecrets.parse(List.of("kek-1 " + KEY_A), f))
                .hasMessageContaining("no pseudonyms line");
        assertThatThrownBy(() -> LedgerSecrets.parse(List.of("pseudonyms " + KEY_A), f))
                .hasMessageContaining("key-encryption key");
        assertThatThrownBy(() -> LedgerSecrets.parse(List.of("pseudonyms " + KEY_A, "kek-1 AAAA"), f))
                .hasMessageContaining("kek-1 must be 32 bytes");
        assertThatThrownBy(() -> LedgerSecrets.parse(List.of("pseudonyms " + KEY_A, "kek-1 " + KEY_A, "kek-1 " + KEY_B), f))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> LedgerSecrets.parse(List.of("pseudonyms " + KEY_A, "master " + KEY_A), f))
                .hasMessageContaining("unknown name master");
        assertThatThrownBy(() -> LedgerSecrets.parse(List.of("pseudonyms not*base64"), f))
                .hasMessageContaining("not base64");
    }
}
