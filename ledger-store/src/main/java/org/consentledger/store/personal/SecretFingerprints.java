package org.consentledger.store.personal;

import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The fingerprints of the secrets the database was written with (table {@code personal_data_secret}). */
public class SecretFingerprints {

    private final JdbcClient jdbc;

    public SecretFingerprints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The fingerprint the database holds for the secret: the one given when it held none yet. */
    public String settle(String name, String fingerprint) {
        Optional<String> held = read(name);
        if (held.isPresent()) {
            return held.get();
        }
        try {
            jdbc.sql("insert into personal_data_secret (name, fingerprint) values (:name, :fingerprint)")
                    .param("name", name).param("fingerprint", fingerprint).update();
            return fingerprint;
        } catch (DuplicateKeyException anotherInstanceWasFirst) {
            return read(name).orElseThrow();
        }
    }

    private Optional<String> read(String name) {
        return jdbc.sql("select fingerprint from personal_data_secret where name = :name").param("name", name)
                .query(String.class).optional();
    }
}
