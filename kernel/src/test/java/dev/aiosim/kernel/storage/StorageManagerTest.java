package dev.aiosim.kernel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Storage latencies = fixed latency + bytes / bandwidth, by hand. */
class StorageManagerTest {
    @Test
    void latenciesAndTotalsByHand() {
        // 100 us + bytes at 500 MB/s (2 ns per byte)
        StorageManager s = new StorageManager(new StorageConfig(100_000, 500e6));
        assertThat(s.serve(1, "create", "f", 1_000_000)).isEqualTo(100_000 + 2_000_000);
        assertThat(s.serve(1, "read", "f", 0)).isEqualTo(100_000 + 2_000_000);
        assertThat(s.serve(1, "read", "f", 1000)).isEqualTo(100_000 + 2000);
        assertThat(s.serve(1, "read", "f", 5_000_000)).as("at most the file").isEqualTo(100_000 + 2_000_000);
        assertThat(s.serve(1, "write", "f", 10)).isEqualTo(100_000 + 20);
        assertThat(s.size(1, "f")).isEqualTo(10);
        assertThat(s.serve(2, "read", "f", 0)).as("another agent's namespace: not found").isEqualTo(100_000);
        assertThat(s.serve(1, "delete", "f", 0)).isEqualTo(100_000);
        assertThat(s.size(1, "f")).isEqualTo(-1);
        assertThat(s.counters()).isEqualTo(new StorageCounters(7, 2_001_000, 1_000_010, 1, 0, 0));
    }

    @Test
    void configIsRangeChecked() {
        assertThatThrownBy(() -> new StorageConfig(-1, 1)).hasMessageContaining("latency");
        assertThatThrownBy(() -> new StorageConfig(0, 0)).hasMessageContaining("bandwidth");
    }
}
