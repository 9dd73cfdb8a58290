package org.consentledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String TEXT = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 4.4040192E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 4.9050112E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 1.07505576E8
            jvm_memory_used_bytes_other{area="heap"} 1.0
            ledger_processor_lag_events{processor="read-models"} 12.0
            ledger_processor_lag_events{processor="merkle-log"} 0.0
            process_uptime_seconds 12.5
            """;

    @Test
    void sumsTheSeriesWithALabel() {
        assertThat(PrometheusText.sum(TEXT, "jvm_memory_used_bytes", "area", "heap")).isEqualTo(44040192.0 + 49050112.0);
    }

    @Test
    void readsLabelsAndSeriesWithoutThem() {
        assertThat(PrometheusText.series(TEXT, "ledger_processor_lag_events"))
                .extracting(s -> s.labels().get("processor") + "=" + s.value())
                .containsExactly("read-models=12.0", "merkle-log=0.0");
        assertThat(PrometheusText.sum(TEXT, "process_uptime_seconds", null, null)).isEqualTo(12.5);
    }
}
