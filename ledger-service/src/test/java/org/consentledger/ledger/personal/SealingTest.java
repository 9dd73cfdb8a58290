package org.consentledger.ledger.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SealingTest {

    private static final byte[] PERSONAL = "{\"visitorId\":\"alice\",\"evidence\":{\"userAgent\":\"Firefox/140\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private final DataKey key = DataKey.generate();

    @Test
    void aSealedPartOpensWithItsKeyForItsEvent() {
        byte[] sealed = Sealing.seal(key, "event-1", PERSONAL);

        assertThat(Sealing.open(key, "event-1", sealed)).isEqualTo(PERSONAL);
    }

    @Test
    void theSealedBytesHoldNothingOfThePersonalPartInClear() {
        byte[] sealed = Sealing.seal(key, "event-1", PERSONAL);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("alice").doesNotContain("Firefox");
    }

    @Test
    void anotherKeyDoesNotOpenIt() {
        byte[] sealed = Sealing.seal(key, "event-1", PERSONAL);

        assertThatThrownBy(() -> Sealing.open(DataKey.generate(), "event-1", sealed))
                .isInstanceOf(UnreadableSeal.class);
    }

    @Test
    void bytesCopiedOntoAnotherEventDoNotOpen() {
        byte[] sealed = Sealing.seal(key, "event-1", PERSONAL);

        assertThatThrownBy(() -> Sealing.open(key, "event-2", sealed)).isInstanceOf(UnreadableSeal.class);
    }

    @Test
    void cutOrAlteredBytesDoNotOpen() {
        byte[] sealed = Sealing.seal(key, "event-1", PERSONAL);
        byte[] cut = Arrays.copyOf(sealed, sealed.length - 1);
        byte[] altered = sealed.clone();
        altered[20] ^= 1;

        assertThatThrownBy(() -> Sealing.open(key, "event-1", cut)).isInstanceOf(UnreadableSeal.class);
        assertThatThrownBy(() -> Sealing.open(key, "event-1", altered)).isInstanceOf(UnreadableSeal.class);
        assertThatThrownBy(() -> Sealing.open(key, "event-1", Arrays.copyOf(sealed, 20)))
                .isInstanceOf(UnreadableSeal.class);
        assertThatThrownBy(() -> Sealing.open(key, "event-1", new byte[0])).isInstanceOf(UnreadableSeal.class);
    }

    @Test
    void eachEventIsSealedUnderAKeyOfItsOwnSoNoKeyAndNonceMeetTwice() {
        assertThat(Sealing.eventKey(key, "event-1")).isNotEqualTo(Sealing.eventKey(key, "event-2"));
        assertThat(Sealing.eventKey(key, "event-1")).isEqualTo(Sealing.eventKey(key, "event-1"));
        assertThat(Sealing.eventKey(key, "event-1")).isNotEqualTo(Sealing.eventKey(DataKey.generate(), "event-1"));
    }

    @Test
    void sealingTheSamePartTwiceGivesDifferentBytes() {
        assertThat(Sealing.seal(key, "event-1", PERSONAL)).isNotEqualTo(Sealing.seal(key, "event-1", PERSONAL));
    }
}
