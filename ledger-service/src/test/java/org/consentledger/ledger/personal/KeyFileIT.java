package org.consentledger.ledger.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.consentledger.ledger.LedgerInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator starts an instance with the wrong personal-data key file (a new one generated, another deployment's):
 * it refuses to start rather than name every visitor's stream anew beside the real one.
 */
class KeyFileIT {

    @TempDir
    Path data;

    @Test
    void anInstanceWithAnotherPseudonymSecretRefusesToStart() throws Exception {
        try (LedgerInstance first = LedgerInstance.start(data, Clock.systemUTC())) {
            assertThat(first.get("/actuator/health/readiness").status()).isEqualTo(200);
        }
        Path keyFile = data.resolve("keys/personal-data.keys");
        List<String> lines = Files.readAllLines(keyFile);
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        Files.write(keyFile, lines.stream().map(l -> l.startsWith("pseudonyms ") ? "pseudonyms " + other : l).toList());

        assertThatThrownBy(() -> LedgerInstance.start(data, Clock.systemUTC()).close())
                .hasStackTraceContaining("not the one this database was written with");

        Files.write(keyFile, lines);
        try (LedgerInstance again = LedgerInstance.start(data, Clock.systemUTC())) {
            assertThat(again.get("/actuator/health/readiness").status()).isEqualTo(200);
        }
    }
}
