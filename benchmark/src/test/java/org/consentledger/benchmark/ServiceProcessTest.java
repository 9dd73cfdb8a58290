package org.consentledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    @TempDir
    Path dir;

    @Test
    void countsTheUserAndSystemTicksOfACompilerThread() throws Exception {
        // Field 14 (utime) is 4211 and field 15 (stime) 37, as Linux writes them for HotSpot's C2 thread.
        Path stat = stat("12 (C2 CompilerThre) S 1 1 1 0 -1 4194368 919 0 0 0 4211 37 0 0 20 0 1 0 58 0 0");
        assertThat(ServiceProcess.compilerTicks(stat)).isEqualTo(4248);
    }

    @Test
    void ignoresOtherThreadsEvenWithParenthesesAndSpacesInTheirName() throws Exception {
        Path stat = stat("13 (http (nio) 1) R 1 1 1 0 -1 4194368 919 0 0 0 500 20 0 0 20 0 1 0 58 0 0");
        assertThat(ServiceProcess.compilerTicks(stat)).isZero();
    }

    @Test
    void aThreadThatEndedCountsNothing() {
        assertThat(ServiceProcess.compilerTicks(dir.resolve("gone"))).isZero();
    }

    private Path stat(String line) throws Exception {
        return Files.writeString(dir.resolve("stat"), line + "\n");
    }
}
