package org.consentledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsAreTheTargetsScale() {
        Options o = Options.parse();
        assertThat(o.database()).isEqualTo("h2");
        assertThat(o.events()).isEqualTo(1_000_000);
        assertThat(o.visitors()).isEqualTo(100_000);
        assertThat(o.kafka()).isNull();
        assertThat(o.heap()).isEqualTo("512m");
    }

    @Test
    void readsValuesAndFlags() {
        Options o = Options.parse("--database", "postgres", "--events", "50_000", "--kafka", "127.0.0.1:9092", "--keep");
        assertThat(o.database()).isEqualTo("postgres");
        assertThat(o.events()).isEqualTo(50_000);
        assertThat(o.kafka()).isEqualTo("127.0.0.1:9092");
        assertThat(o.keep()).isTrue();
    }

    @Test
    void theSinglePhaseNeverExceedsTheTotal() {
        assertThat(Options.parse("--events", "1000").singlePhaseEvents()).isEqualTo(1000);
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> Options.parse("--evnets", "5")).hasMessageContaining("unknown option --evnets");
        assertThatThrownBy(() -> Options.parse("--database", "mysql")).hasMessageContaining("h2 or postgres");
        assertThatThrownBy(() -> Options.parse("--batch-size", "5000")).hasMessageContaining("at most 1000");
        assertThatThrownBy(() -> Options.parse("--sites", "1")).hasMessageContaining("at least 2");
    }
}
