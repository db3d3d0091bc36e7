package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --policy-path}: a policy compiled outside aiosim (here at test time, against the kernel's
 * classes) runs by name from its jar, the resolved spec says which jar it came from, and every
 * problem with a jar is one line and exit code 2.
 */
class PolicyPathTest {
    private static final String SPEC = "src/test/resources/dev/aiosim/cli/small.yaml";

    @TempDir
    static Path jars;
    static Path lifo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildJar() {
        lifo = PluginJars.lifo(jars, "lifo", "test-lifo");
    }

    @Test
    void runsAPolicyFromAPlugInJarAndRecordsTheJar() throws IOException {
        Path out = tmp.resolve("out");
        Cli r = Cli.run("run", SPEC, "--policy-path", lifo.toString(), "--policy", "test-lifo", "--policy", "fifo",
                "-q", "--out", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(summary).filteredOn(l -> l.startsWith("test-lifo,")).hasSize(2); // two repetitions
        assertThat(summary).filteredOn(l -> l.startsWith("fifo,")).hasSize(2);
        String spec = Files.readString(out.resolve("spec.yaml"));
        assertThat(spec).contains("# It used plug-in policies; add: --policy-path " + lifo.toAbsolutePath().normalize())
                .containsPattern("# +" + java.util.regex.Pattern.quote(lifo.toAbsolutePath().normalize().toString())
                        + " sha256=[0-9a-f]{64} policies: test-lifo\n");
        // LIFO and FIFO schedule the same agents differently
        assertThat(column(summary, "test-lifo", "queueing_mean_s")).isNotEqualTo(column(summary, "fifo", "queueing_mean_s"));

        // the resolved spec runs again with the jar, and says what is missing without it
        Cli again = Cli.run("run", out.resolve("spec.yaml").toString(), "--policy-path", lifo.toString(), "-q",
                "--out", tmp.resolve("again").toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(Files.readAllLines(tmp.resolve("again/summary.csv"))).isEqualTo(summary);
        Cli without = Cli.run("run", out.resolve("spec.yaml").toString(), "-q", "--out", tmp.resolve("without").toString());
        assertThat(without.code()).isEqualTo(ErrorHandler.USER_ERROR);
        assertThat(without.err()).contains("unknown policy 'test-lifo'");
    }

    @Test
    void policiesListsThePlugInPolicies() {
        Cli r = Cli.run("policies", "--policy-path", lifo.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out().replace("\r\n", "\n")).contains("\nfifo\n")
                .contains("\ntest-lifo (plug-in: lifo.jar)\n    last-in first-out (a test plug-in)\n");
        assertThat(Cli.run("policies").out()).doesNotContain("test-lifo");
    }

    @Test
    void theKernelRegistryLoadsFromAPlugInClassLoader() throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {lifo.toUri().toURL()}, getClass().getClassLoader())) {
            assertThat(SchedulerRegistry.load(loader).providers()).containsKeys("fifo", "test-lifo");
        }
        assertThat(SchedulerRegistry.load().providers()).containsKey("fifo").doesNotContainKey("test-lifo");
    }

    static Stream<Arguments> brokenJars() {
        return Stream.of(
                Arguments.of("a missing file", (Function<Path, List<Path>>) d -> List.of(d.resolve("nope.jar")), "nope.jar: no such file"),
                Arguments.of("a folder", (Function<Path, List<Path>>) d -> List.of(d), "expected a jar file, got a folder"),
                Arguments.of("not a jar", (Function<Path, List<Path>>) d -> List.of(text(d.resolve("x.jar"), "not a zip")),
                        "x.jar: not a readable jar"),
                Arguments.of("no provider", (Function<Path, List<Path>>) d -> List.of(
                        PluginJars.jar(d, "empty", Map.of("p.Util", "package p; public class Util {}"))),
                        "no policy found; expected a jar that lists its SchedulerProvider classes in META-INF/services/"),
                Arguments.of("a provider that throws", (Function<Path, List<Path>>) d -> List.of(PluginJars.jar(d, "boom",
                        Map.of("p.Boom", PluginJars.provider("p", "Boom", "boom", "throw new IllegalStateException(\"boom!\");")),
                        "p.Boom")), "p.Boom could not be instantiated: IllegalStateException boom!"),
                Arguments.of("a provider class that is missing", (Function<Path, List<Path>>) d -> List.of(
                        PluginJars.jar(d, "ghost", Map.of("p.Util", "package p; public class Util {}"), "p.Ghost")),
                        "a policy provider failed to load: ServiceConfigurationError dev.aiosim.kernel.scheduler.SchedulerProvider: Provider p.Ghost not found"),
                Arguments.of("a built-in name", (Function<Path, List<Path>>) d -> List.of(PluginJars.lifo(d, "fifo", "fifo")),
                        "its policy 'fifo' (test.plugin.LifoProvider) has the name of a built-in policy"),
                Arguments.of("two plug-ins of one name", (Function<Path, List<Path>>) d -> List.of(PluginJars.lifo(d, "one", "twin"),
                        PluginJars.jar(d, "two", Map.of("q.Twin", PluginJars.provider("q", "Twin", "twin", "")), "q.Twin")),
                        "two plug-in policies are named 'twin'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenJars")
    void aBadJarIsOneLineAndExitCodeTwo(String what, Function<Path, List<Path>> jarsIn, String message) {
        List<Path> bad = jarsIn.apply(tmp);
        for (String command : List.of("run", "policies")) {
            List<String> args = new java.util.ArrayList<>(command.equals("run") ? List.of("run", SPEC, "--policy", "fifo")
                    : List.of("policies"));
            bad.forEach(j -> args.addAll(List.of("--policy-path", j.toString())));
            args.addAll(List.of("--out", tmp.resolve("out-" + command).toString()));
            if (command.equals("policies")) {
                args.subList(args.size() - 2, args.size()).clear();
            }
            Cli r = Cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as(r.err()).isEqualTo(ErrorHandler.USER_ERROR);
            assertThat(r.err()).startsWith("aiosim: --policy-path").contains(message);
            assertThat(r.err().lines()).as(r.err()).hasSize(1);
            assertThat(tmp.resolve("out-" + command)).doesNotExist(); // nothing written
        }
    }

    private static Path text(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String column(List<String> csv, String policy, String column) {
        int i = List.of(csv.get(0).split(",")).indexOf(column);
        assertThat(i).as(column + " in " + csv.get(0)).isNotNegative();
        return csv.stream().filter(l -> l.startsWith(policy + ",")).map(l -> l.split(",")[i]).toList().toString();
    }
}
