package org.consentledger.store.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.consentledger.store.personal.VisitorKeyTable.StoredKey;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

class VisitorKeyTableTest {

    VisitorKeyTable keys;

    @BeforeEach
    void schema() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:keys-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        keys = new VisitorKeyTable(JdbcClient.create(h2));
    }

    @Test
    void aStreamsKeyIsReadBackAsStoredAndDeletedForGood() {
        keys.insert(List.of(new StoredKey("s/a", "kek-1", new byte[] {1, 2, 3}), new StoredKey("s/b", "kek-1", new byte[] {4})),
                Instant.parse("2026-12-07T00:00:00Z"));

        assertThat(keys.read(List.of("s/a", "s/c"))).containsOnlyKeys("s/a");
        assertThat(keys.read(List.of("s/a")).get("s/a").wrapped()).containsExactly(1, 2, 3);

        assertThat(keys.delete("s/a")).isTrue();
        assertThat(keys.delete("s/a")).isFalse();
        assertThat(keys.read(List.of("s/a", "s/b"))).containsOnlyKeys("s/b");
    }

    @Test
    void aGroupOfNewStreamsIsStoredInAsFewStatementsAsItsSizeAllows() {
        List<StoredKey> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1_203; i++) {
            many.add(new StoredKey("s/" + i, "kek-1", new byte[] {(byte) i}));
        }
        keys.insert(many, Instant.EPOCH);

        assertThat(keys.read(many.stream().map(StoredKey::stream).toList())).hasSize(1_203);
        assertThat(keys.read(List.of("s/1202")).get("s/1202").wrapped()).containsExactly((byte) 1202);
    }

    @Test
    void aStreamHasOneKey() {
        keys.insert(List.of(new StoredKey("s/a", "kek-1", new byte[] {1})), Instant.EPOCH);

        assertThatThrownBy(() -> keys.insert(List.of(new StoredKey("s/a", "kek-1", new byte[] {2})), Instant.EPOCH))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void rotationFindsAndRewrapsTheKeysUnderAnOlderKeyEncryptionKey() {
        keys.insert(List.of(new StoredKey("s/a", "kek-1", new byte[] {1}), new StoredKey("s/b", "kek-2", new byte[] {2})),
                Instant.EPOCH);

        assertThat(keys.countByWrapping()).containsOnly(java.util.Map.entry("kek-1", 1L), java.util.Map.entry("kek-2", 1L));
        List<StoredKey> outdated = keys.wrappedUnderOther("kek-2", 10);

        assertThat(outdated).extracting(StoredKey::stream).containsExactly("s/a");
        assertThat(keys.rewrap(outdated.get(0), new StoredKey("s/a", "kek-2", new byte[] {9}))).isTrue();
        assertThat(keys.rewrap(outdated.get(0), new StoredKey("s/a", "kek-2", new byte[] {8}))).isFalse();
        assertThat(keys.countByWrapping()).containsOnly(java.util.Map.entry("kek-2", 2L));
        assertThat(keys.wrappedUnderOther("kek-2", 10)).isEmpty();
        assertThat(keys.read(List.of("s/a")).get("s/a").wrapped()).containsExactly(9);
    }
}
