package dev.aiosim.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiosim.cli.results.OutputFile;
import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.spec.SpecException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The results folder of a sweep: a sub-folder per point (an ordinary results folder), and at the
 * top {@code run.json}, {@code sweep.csv} (every point's {@code summary.csv} rows, the grid's
 * values in front) and {@code sweep-summary.csv} (every point's {@code compare.csv} rows, the
 * same way). The top files are rebuilt from the points' folders, so a resumed sweep's tables hold
 * the points of earlier invocations too.
 */
public final class SweepFolder {
    /** One row per point x policy x seed. */
    public static final String SWEEP_CSV = "sweep.csv";
    /** One row per point x policy x metric: mean and 95% interval over the seeds. */
    public static final String SUMMARY_CSV = "sweep-summary.csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private SweepFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Takes the folder of a sweep: a new or empty one; with {@code resume}, one an earlier sweep
     * wrote; with {@code overwrite}, any folder that holds no sweep (point folders of the same
     * names are replaced as results folders are).
     */
    public static SweepFolder open(Path dir, boolean resume, boolean overwrite) {
        if (dir.toString().isBlank()) {
            throw new SpecException("--out: expected a folder path, got ''");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new SpecException("--out " + dir + ": exists and is not a folder");
        }
        try {
            if (!Files.isDirectory(dir)) {
                if (resume) {
                    throw new SpecException("--resume: " + dir + " does not exist; give the --out folder of the sweep to resume");
                }
                Files.createDirectories(dir);
            } else if (resume) {
                if (!isSweep(dir)) {
                    throw new SpecException("--resume: " + dir + " holds no aiosim sweep (no run.json of a sweep)");
                }
            } else if (!isEmpty(dir)) {
                if (isSweep(dir)) {
                    throw new SpecException("--out " + dir + ": holds an earlier sweep; add --resume to finish it (complete"
                            + " points are kept), or choose a new folder");
                }
                if (!overwrite) {
                    throw new SpecException("--out " + dir + ": the folder is not empty and holds no aiosim sweep; choose a new"
                            + " folder, or add --overwrite to write into it");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create results folder " + dir + ": " + OutputFile.reason(e), e);
        }
        return new SweepFolder(dir);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static boolean isSweep(Path dir) {
        JsonNode run = readJson(dir.resolve("run.json"));
        return run != null && run.has("aiosim_version") && run.has("sweep");
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            return null; // unreadable or cut short: not complete
        }
    }

    public Path dir() {
        return dir;
    }

    /** The sub-folder of a point. */
    public Path pointDir(Point p) {
        return dir.resolve(p.folder());
    }

    /** Whether a point's folder is complete: its {@code run.json} says {@code "complete": true}. */
    public boolean complete(Point p) {
        JsonNode run = readJson(pointDir(p).resolve("run.json"));
        return run != null && run.path("complete").asBoolean(false);
    }

    /** Whether a point's {@code spec.yaml} holds {@code yaml} under its comment (a resumed sweep must be the same sweep). */
    public boolean sameSpec(Point p, String yaml) {
        try {
            String text = Files.readString(pointDir(p).resolve("spec.yaml"), StandardCharsets.UTF_8);
            StringBuilder body = new StringBuilder();
            boolean head = true;
            for (String line : text.split("\n", -1)) {
                if (head && line.startsWith("#")) {
                    continue;
                }
                head = false;
                body.append(line).append('\n');
            }
            return body.substring(0, body.length() - 1).equals(yaml);
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the top {@code run.json}. */
    public void writeRunInfo(RunInfo info, long totalWallNanos) {
        OutputFile.writeUnchecked(dir.resolve("run.json"), temp -> {
            try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                info.write(w, totalWallNanos);
            }
        });
    }

    /** Rebuilds {@code sweep.csv} and {@code sweep-summary.csv} from the points' folders that have the files. */
    public void writeTables(List<String> keys, List<Point> points) {
        gather(SWEEP_CSV, "summary.csv", keys, points);
        gather(SUMMARY_CSV, "compare.csv", keys, points);
    }

    private void gather(String name, String pointFile, List<String> keys, List<Point> points) {
        OutputFile.writeUnchecked(dir.resolve(name), temp -> {
            CSVPrinter out = null;
            try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                for (Point p : points) {
                    Path file = pointDir(p).resolve(pointFile);
                    if (!Files.isRegularFile(file)) {
                        continue;
                    }
                    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                         CSVParser in = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                        if (out == null) {
                            List<String> header = new ArrayList<>(keys);
                            header.addAll(in.getHeaderNames());
                            out = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                                    .setRecordSeparator("\n").get());
                        }
                        for (CSVRecord rec : in) {
                            List<String> row = new ArrayList<>(p.values());
                            rec.forEach(row::add);
                            out.printRecord(row);
                        }
                    }
                }
                if (out != null) {
                    out.flush();
                }
            }
        });
    }
}
