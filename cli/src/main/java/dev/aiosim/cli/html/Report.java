package dev.aiosim.cli.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiosim.cli.results.OutputFile;
import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.cli.spec.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report.html} of a results folder: one self-contained page (inline SVG charts, inline
 * style, no script, no address) that any browser opens offline. Reads only the folder's files
 * ({@code summary.csv}, {@code classes.csv}, the {@code .hlog} files, {@code timeline.csv},
 * {@code sweep.csv}, {@code spec.yaml}, {@code run.json}), so it works for the folders of every
 * command and of earlier versions, and can be run again at any time.
 */
public final class Report {
    /** The file name in the results folder. */
    public static final String FILE = "report.html";

    private Report() {}

    /**
     * Writes {@code dir/report.html} (whole, through a temporary file) and returns its path.
     *
     * @throws SpecException when {@code dir} is not a results folder (a user error)
     * @throws UncheckedIOException when a file cannot be read or the page cannot be written
     */
    public static Path write(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SpecException(dir + ": not a folder; expected a results folder (of run, compare, replay, live or sweep)");
        }
        boolean sweep = Files.isRegularFile(dir.resolve("sweep.csv"));
        if (!sweep && !Files.isRegularFile(dir.resolve("summary.csv"))) {
            throw new SpecException(dir + ": holds no summary.csv or sweep.csv; expected a results folder (of run, compare,"
                    + " replay, live or sweep)");
        }
        String html;
        try {
            html = render(dir, sweep);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the results in " + dir + ": " + OutputFile.reason(e), e);
        }
        Path out = dir.resolve(FILE);
        OutputFile.writeUnchecked(out, temp -> Files.writeString(temp, html, StandardCharsets.UTF_8));
        return out;
    }

    /** The page of the folder {@code dir}. */
    static String render(Path dir, boolean sweep) throws IOException {
        JsonNode spec = readSpec(dir.resolve("spec.yaml"));
        String name = spec.path("name").asText(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString());
        Page page = new Page();
        page.title("aiosim report: " + name, facts(dir, spec));
        Charts.Palette palette = new Charts.Palette();
        Path runs = sweep && !Files.isRegularFile(dir.resolve("summary.csv")) ? lastPoint(dir) : dir;
        // without an SLO every completed call counts as meeting it, so only the spec tells
        boolean slo = spec.has("slo") || (runs != null && readSpec(runs.resolve("spec.yaml")).has("slo"));
        if (sweep) {
            SweepSection.add(page, CsvTable.read(dir.resolve("sweep.csv")), slo, palette);
        }
        if (runs != null) {
            if (!runs.equals(dir)) {
                page.heading(2, "One point of the sweep: " + runs.getFileName());
                page.note("The distributions and timeline of the last point folder in name order; aiosim report "
                        + dir.getFileName() + "/POINT draws any other point.");
            }
            RunSections.add(page, runs, slo, palette);
        }
        return page.render("aiosim report: " + name);
    }

    /** The last sub-folder (in name order) holding a {@code summary.csv}, or null. */
    private static Path lastPoint(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("summary.csv")))
                    .max(java.util.Comparator.comparing(p -> p.getFileName().toString())).orElse(null);
        }
    }

    private static JsonNode readSpec(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Yaml.MAPPER.createObjectNode();
        }
        try {
            JsonNode n = Yaml.MAPPER.readTree(file.toFile());
            return n == null || !n.isObject() ? Yaml.MAPPER.createObjectNode() : n;
        } catch (IOException e) {
            return Yaml.MAPPER.createObjectNode(); // an edited spec.yaml: the report does without it
        }
    }

    /** The folder, the command that wrote it, and whether it is complete. */
    private static String facts(Path dir, JsonNode spec) {
        List<String> facts = new ArrayList<>();
        facts.add("folder " + dir.toAbsolutePath().normalize().getFileName());
        Path runJson = dir.resolve("run.json");
        if (Files.isRegularFile(runJson)) {
            JsonNode run;
            try {
                run = new ObjectMapper().readTree(runJson.toFile());
            } catch (IOException e) {
                run = null;
            }
            if (run != null) {
                if (run.has("command")) {
                    List<String> argv = new ArrayList<>();
                    run.get("command").forEach(a -> argv.add(a.asText()));
                    facts.add("command: " + String.join(" ", argv));
                }
                facts.add("aiosim " + run.path("aiosim_version").asText("?"));
                facts.add(run.path("complete").asBoolean(false) ? "complete" : "PARTIAL: " + run.path("partial_reason").asText(
                        run.path("outcome").asText("not complete")));
            }
        }
        if (spec.has("description")) {
            facts.add(spec.get("description").asText());
        }
        return String.join(" · ", facts);
    }
}
