package org.consentledger.ledger.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KeyWrappingTest {

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    private static LedgerSecrets secrets(String... kekNames) {
        SortedMap<String, byte[]> keks = new TreeMap<>();
        for (int i = 0; i < kekNames.length; i++) {
            keks.put(kekNames[i], key(i + 1));
        }
        return new LedgerSecrets(key(0), keks);
    }

    @Test
    void aWrappedKeyUnwrapsForItsStream() {
        KeyWrapping wrapping = new KeyWrapping(secrets("kek-1"));
        DataKey key = DataKey.generate();

        KeyWrapping.WrappedKey wrapped = wrapping.wrap(key, "site/p1");

        assertThat(wrapping.unwrap(wrapped, "site/p1")).isEqualTo(key);
        assertThat(wrapped.kekName()).isEqualTo("kek-1");
    }

    @Test
    void aWrappedKeyMovedToAnotherStreamDoesNotUnwrap() {
        KeyWrapping wrapping = new KeyWrapping(secrets("kek-1"));
        KeyWrapping.WrappedKey wrapped = wrapping.wrap(DataKey.generate(), "site/p1");

        assertThatThrownBy(() -> wrapping.unwrap(wrapped, "site/p2")).isInstanceOf(UnreadableSeal.class);
    }

    @Test
    void theNewestKeyEncryptionKeyWrapsAndTheOlderStillUnwrapWhatTheyWrapped() {
        KeyWrapping before = new KeyWrapping(secrets("kek-20260101"));
        DataKey key = DataKey.generate();
        KeyWrapping.WrappedKey old = before.wrap(key, "site/p1");

        KeyWrapping after = new KeyWrapping(secrets("kek-20260101", "kek-20270101"));

        assertThat(after.unwrap(old, "site/p1")).isEqualTo(key);
        assertThat(after.wrap(key, "site/p1").kekName()).isEqualTo("kek-20270101");
        assertThat(after.outdated("kek-20260101")).isTrue();
        assertThat(after.outdated("kek-20270101")).isFalse();
    }

    @Test
    void aKeyWrappedUnderARemovedKeyEncryptionKeyIsGoneForGood() {
        KeyWrapping.WrappedKey old = new KeyWrapping(secrets("kek-1")).wrap(DataKey.generate(), "site/p1");
        KeyWrapping withoutIt = new KeyWrapping(new LedgerSecrets(key(0), new TreeMap<>(java.util.Map.of("kek-2", key(1)))));

        assertThatThrownBy(() -> withoutIt.unwrap(old, "site/p1"))
                .isInstanceOf(UnreadableSeal.class).hasMessageContaining("kek-1");
    }

    @Test
    void anAlteredWrappedKeyDoesNotUnwrap() {
        KeyWrapping wrapping = new KeyWrapping(secrets("kek-1"));
        KeyWrapping.WrappedKey wrapped = wrapping.wrap(DataKey.generate(), "site/p1");
        byte[] altered = wrapped.sealed().clone();
        altered[altered.length - 1] ^= 1;

        assertThatThrownBy(() -> wrapping.unwrap(new KeyWrapping.WrappedKey("kek-1", altered), "site/p1"))
                .isInstanceOf(UnreadableSeal.class);
    }

    @Test
    void aDataKeyNeverShowsItselfInText() {
        assertThat(DataKey.generate().toString()).isEqualTo("DataKey[hidden]");
    }
}
