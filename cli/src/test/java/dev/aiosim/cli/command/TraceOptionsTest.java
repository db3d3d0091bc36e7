package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --format}, {@code --on-bad-row} and {@code --debug}: declared once, the same in every command that reads a trace. */
class TraceOptionsTest {
    @TempDir
    static Path tmp;
    static Path bad;

    /** The Azure slice with its sixth row broken. */
    @BeforeAll
    static void badTrace() throws IOException {
        Path slice = tmp.resolve("slice.csv");
        try (InputStream in = TraceOptionsTest.class.getResourceAsStream("/dev/aiosim/cli/azure-conv-slice.csv")) {
            Files.copy(in, slice);
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(slice));
        lines.set(5, lines.get(5).replaceFirst(",[0-9]+,", ",lots,"));
        bad = tmp.resolve("bad.csv");
        Files.write(bad, lines);
    }

    private static CommandLine command(String words) {
        CommandLine cl = Main.commandLine();
        for (String w : words.split(" ")) {
            cl = cl.getSubcommands().get(w);
        }
        return cl;
    }

    /** The command line of {@code words} on the bad trace, with what each command needs besides. */
    private static String[] args(String words, String... options) {
        List<String> a = new ArrayList<>(Arrays.asList(words.split(" ")));
        a.add(bad.toString());
        a.addAll(List.of(options));
        switch (words) {
            case "replay" -> a.addAll(List.of("-q", "--out", tmp.resolve("replay-" + System.nanoTime()).toString()));
            case "trace convert" -> a.addAll(List.of("--to", "aiosim", "--out", tmp.resolve("c" + System.nanoTime() + ".jsonl").toString()));
            default -> { }
        }
        return a.toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "trace inspect", "trace convert"})
    void everyTraceCommandHasTheSameOptions(String words) {
        CommandLine reference = command("trace inspect");
        for (String name : List.of("--format", "--on-bad-row", "--debug")) {
            OptionSpec o = command(words).getCommandSpec().findOption(name);
            assertThat(o).as(words + " " + name).isNotNull();
            OptionSpec ref = reference.getCommandSpec().findOption(name);
            assertThat(o.description()).isEqualTo(ref.description());
            assertThat(o.paramLabel()).isEqualTo(ref.paramLabel());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "trace inspect", "trace convert"})
    void badRowsFailByDefaultAndAreSkippedWhenAsked(String words) {
        Cli fail = Cli.run(args(words));
        assertThat(fail.code()).isEqualTo(2);
        assertThat(fail.err().strip()).startsWith("aiosim: ").contains("bad.csv:6").doesNotContain("\n");
        Cli debug = Cli.run(args(words, "--debug"));
        assertThat(debug.code()).isEqualTo(2);
        assertThat(debug.err()).contains("at dev.aiosim");
        Cli skip = Cli.run(args(words, "--format", "azure-2023", "--on-bad-row", "skip"));
        assertThat(skip.code()).as(skip.err()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "trace inspect", "trace convert"})
    void anUnknownFormatIsAUserError(String words) {
        Cli r = Cli.run(args(words, "--format", "parquet"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("aiosim: ").contains("'parquet'").contains("expected one of azure-2023")
                .doesNotContain("\n");
    }
}
