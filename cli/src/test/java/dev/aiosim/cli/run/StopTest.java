package dev.aiosim.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A stop reaches the run in progress whether it is asked for before, during or after its start. */
class StopTest {
    @Test
    void aRequestDuringARunStopsItOnce() {
        Stop stop = new Stop();
        AtomicInteger stopped = new AtomicInteger();
        try (Stop.Scope s = stop.during(stopped::incrementAndGet)) {
            assertThat(stop.running()).isTrue();
            assertThat(stopped).hasValue(0);
            stop.request();
            assertThat(stopped).hasValue(1);
            assertThat(stop.requested()).isTrue();
        }
        assertThat(stop.running()).isFalse();
    }

    @Test
    void aRunStartingAfterARequestIsStoppedAtOnce() {
        Stop stop = new Stop();
        stop.request();
        AtomicInteger stopped = new AtomicInteger();
        try (Stop.Scope s = stop.during(stopped::incrementAndGet)) {
            assertThat(stopped).hasValue(1);
        }
    }

    @Test
    void aRunThatEndedIsNotStoppedAgain() {
        Stop stop = new Stop();
        AtomicInteger stopped = new AtomicInteger();
        stop.during(stopped::incrementAndGet).close();
        stop.request();
        assertThat(stopped).hasValue(0);
        assertThat(stop.running()).isFalse();
    }
}
