package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The damaged-input corpus ({@code fuzz/cases.csv}): each case runs the command line on files of
 * {@code fuzz/} copied into a fresh folder and checks the exit code, that an error is one line
 * starting with {@code aiosim: } and naming the file, line and field, and that no file outside the
 * results folder was created, changed or removed. Add a case by adding a file and a row.
 */
class FuzzCorpusTest {
    private static final String DIR = "/dev/aiosim/cli/fuzz/";

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = FuzzCorpusTest.class.getResourceAsStream(DIR + "cases.csv");
                Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(r).getRecords();
            return rows.stream().map(c -> Arguments.of(c.get("case"), Integer.parseInt(c.get("exit")),
                    c.get("expect"), c.get("args")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void damagedInputGivesOneClearLineAndTouchesNothing(String name, int exit, String expect, String args,
            @TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        copyCorpus(dir);
        Path out = tmp.resolve("out");
        Map<String, String> before = snapshot(tmp, out);

        String[] argv = args.replace("{dir}", dir.toString()).replace("{out}", out.toString()).split(" ");
        Cli r = Cli.run(argv);

        assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(exit);
        if (exit != 0) {
            assertThat(r.err().strip()).as("one line").doesNotContain("\n").startsWith("aiosim: ").contains(expect);
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(snapshot(tmp, out)).as("files outside the results folder").isEqualTo(before);
    }

    /** Copies every corpus file, and makes the ones too big or too odd to commit. */
    private static void copyCorpus(Path dir) throws IOException, URISyntaxException {
        Path src = Path.of(FuzzCorpusTest.class.getResource(DIR + "cases.csv").toURI()).getParent();
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
        Files.writeString(dir.resolve("huge.yaml"), "name: " + "a".repeat(300 * 1024) + "\n");
        Files.write(dir.resolve("latin1.yaml"), "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Path (relative to {@code root}) to content hash of every file under it, except under {@code skip}. */
    private static Map<String, String> snapshot(Path root, Path skip) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> !p.startsWith(skip)).forEach(p -> m.put(root.relativize(p).toString(), hash(p)));
        }
        return m;
    }

    private static String hash(Path p) {
        if (Files.isDirectory(p)) {
            return "dir";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
