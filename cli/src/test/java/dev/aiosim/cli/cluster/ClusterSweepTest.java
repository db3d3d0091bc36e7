package dev.aiosim.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A sweep on a cluster of two workers on 127.0.0.1, one in this JVM and one in a JVM of its own,
 * which is killed (SIGKILL) while the sweep runs: the runs it held are sent again to the worker
 * left, and the folder is the one a local sweep writes, byte for byte (but {@code run.json} and
 * {@code report.html}, which repeat the command line), the points' {@code timeline.csv} included.
 */
class ClusterSweepTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a guard against a cluster that never forms, not a measurement
    void aWorkerKilledMidSweepLosesNoRun() throws Exception {
        Path spec = tmp.resolve("small.yaml");
        try (InputStream in = ClusterSweepTest.class.getResourceAsStream("/dev/aiosim/cli/small.yaml")) {
            Files.copy(in, spec);
        }
        Files.writeString(spec, Files.readString(spec).replace("agents: 12", "agents: 150"));
        int p1 = freePort();
        int p2 = freePort();
        String join = "127.0.0.1:" + p1;
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "worker", "--join", join, "--port",
                Integer.toString(p2), "--jobs", "1").redirectErrorStream(true).start();
        CompletableFuture<Void> otherUp = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("aiosim worker ")) {
                        otherUp.complete(null);
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
        });
        try (Worker here = Worker.start(List.of(join), p1, null, 1)) {
            Path local = tmp.resolve("local");
            assertThat(cli("sweep", spec.toString(), "--vary", "cluster.max-batch=2,4,8", "--out", local.toString(), "-q")).isZero();
            otherUp.get(3, TimeUnit.MINUTES);
            while (here.members() < 2) {
                Thread.sleep(50);
            }
            Path remote = tmp.resolve("remote");
            AtomicInteger code = new AtomicInteger(-1);
            Thread sweep = Thread.ofPlatform().start(() -> code.set(cli("sweep", spec.toString(), "--vary", "cluster.max-batch=2,4,8",
                    "--out", remote.toString(), "--cluster", join, "-q")));
            // kill the second worker once the first point is written, with runs in flight
            Path first = remote.resolve("cluster.max-batch-2").resolve("compare.csv");
            while (!Files.exists(first) && sweep.isAlive()) {
                Thread.sleep(10);
            }
            boolean midway = sweep.isAlive();
            other.destroyForcibly().waitFor();
            sweep.join();
            assertThat(midway).as("the worker was killed before the sweep ended").isTrue();
            assertThat(code.get()).isZero();
            assertThat(contents(remote)).isEqualTo(contents(local)).containsKeys("sweep.csv", "cluster.max-batch-2/timeline.csv",
                    "cluster.max-batch-8/timeline.csv");
            String info = Files.readString(remote.resolve("run.json"));
            assertThat(info).contains("\"complete\" : true").contains("\"workers\" : 2");
            System.out.println("ClusterSweepTest: " + info.lines().filter(l -> l.contains("resubmitted_runs")).findFirst().orElse(""));
        } finally {
            other.destroyForcibly();
        }
    }

    /**
     * A sweep with a {@code faults:} section on one worker in this JVM: the rendered runs that come
     * back carry their {@code faults.csv} rows, so each point's file is the local sweep's; a sweep
     * with the audit trail on is refused in one line (its trail is written run by run, here only).
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a guard against a cluster that never forms, not a measurement
    void faultsRowsComeBackFromTheWorkers() throws Exception {
        Path spec = tmp.resolve("faults.yaml");
        try (InputStream in = ClusterSweepTest.class.getResourceAsStream("/dev/aiosim/cli/small.yaml")) {
            Files.copy(in, spec);
        }
        Files.writeString(spec, Files.readString(spec).replace("max-batch: 4", "max-batch: 4\n  engines: 2\n  packing: sarathi\n"
                + "  chunk-size: 64") + "faults:\n  crashes:\n    - {engine: 0, at: 200ms, down: 1s}\n  mtbf: 2s\n  mttr: 300ms\n"
                + "  tools: {failure-probability: 0.3, max-attempts: 2, backoff: 100ms}\n");
        int port = freePort();
        String join = "127.0.0.1:" + port;
        try (Worker here = Worker.start(List.of(join), port, null, 2)) {
            Path local = tmp.resolve("faults-local");
            Path remote = tmp.resolve("faults-remote");
            assertThat(cli("sweep", spec.toString(), "--vary", "cluster.max-batch=2,4", "--out", local.toString(), "-q")).isZero();
            assertThat(cli("sweep", spec.toString(), "--vary", "cluster.max-batch=2,4", "--out", remote.toString(), "--cluster", join,
                    "-q")).isZero();
            assertThat(contents(remote)).isEqualTo(contents(local)).containsKeys("cluster.max-batch-2/faults.csv",
                    "cluster.max-batch-4/faults.csv");
            assertThat(Files.readAllLines(remote.resolve("cluster.max-batch-2/faults.csv"))).hasSize(1 + 6);
            CommandLine cl = Main.commandLine();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(new StringWriter(), true));
            cl.setErr(new PrintWriter(err, true));
            assertThat(cl.execute("sweep", spec.toString(), "--vary", "cluster.max-batch=2,4", "--out",
                    tmp.resolve("audited").toString(), "--cluster", join, "--audit", "-q")).isEqualTo(2);
            assertThat(err.toString().strip()).isEqualTo("aiosim: " + spec + ": audit: not supported by sweep; run a point with"
                    + " aiosim compare --audit, or set audit: off");
        }
    }

    private static int cli(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        if (code != 0) {
            System.err.println(err);
        }
        return code;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().equals("run.json") && !p.getFileName().toString().equals("report.html")) {
                    files.put(dir.relativize(p).toString(), Files.readString(p).replaceAll("(?m)^# Run it again.*$", ""));
                }
            }
        }
        return files;
    }
}
