package org.consentledger.ledger.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.consentledger.store.personal.VisitorKeyTable;
import org.consentledger.store.personal.VisitorKeyTable.StoredKey;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** An operator adds a key-encryption key; the ledger moves every data key under it, and none is lost. */
class KeyRotationTest {

    static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    static LedgerSecrets secrets(String... keks) {
        TreeMap<String, byte[]> keys = new TreeMap<>();
        for (int i = 0; i < keks.length; i++) {
            keys.put(keks[i], filled(i + 1));
        }
        return new LedgerSecrets(filled(0), keys);
    }

    @Test
    void everyDataKeyIsWrappedAgainUnderTheNewKeyEncryptionKeyAndStillOpens() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:rotation-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        VisitorKeyTable table = new VisitorKeyTable(JdbcClient.create(h2));
        KeyWrapping before = new KeyWrapping(secrets("kek-2026"));
        List<StoredKey> stored = new ArrayList<>();
        List<DataKey> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            DataKey key = DataKey.generate();
            KeyWrapping.WrappedKey wrapped = before.wrap(key, "site/s" + i);
            stored.add(new StoredKey("site/s" + i, wrapped.kekName(), wrapped.sealed()));
            keys.add(key);
        }
        table.insert(stored, Instant.EPOCH);

        KeyWrapping after = new KeyWrapping(secrets("kek-2026", "kek-2027"));
        KeyRotation rotation = new KeyRotation(table, after,
                new TransactionTemplate(new DataSourceTransactionManager(h2)), 2);
        assertThat(rotation.standing().keysByWrapping()).isEqualTo(Map.of("kek-2026", 5L));
        rotation.rewrapOutdated();

        assertThat(rotation.standing()).isEqualTo(new KeyRotation.Standing("kek-2027", Map.of("kek-2027", 5L)));
        // Once the old key-encryption key is gone from the file, every key still opens.
        KeyWrapping withoutTheOld = new KeyWrapping(new LedgerSecrets(filled(0), new TreeMap<>(Map.of("kek-2027", filled(2)))));
        Map<String, StoredKey> read = table.read(stored.stream().map(StoredKey::stream).toList());
        for (int i = 0; i < 5; i++) {
            StoredKey key = read.get("site/s" + i);
            assertThat(withoutTheOld.unwrap(new KeyWrapping.WrappedKey(key.kekName(), key.wrapped()), "site/s" + i))
                    .isEqualTo(keys.get(i));
        }
    }
}
