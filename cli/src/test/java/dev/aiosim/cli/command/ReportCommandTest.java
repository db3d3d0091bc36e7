package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code report.html}: written by {@code compare} and by {@code aiosim report DIR}; it parses (as
 * XML, stricter than HTML), holds one SVG per expected chart and names no address, script or
 * external resource; sweep folders get the metrics against the swept key.
 */
class ReportCommandTest {
    private static final List<String> RUN_CHARTS = List.of("glance-cdf-ttft", "glance-timeline-queued",
            "bars-tokens_per_s", "bars-goodput_per_s", "bars-slo_attainment", "bars-ttft_p99_s", "bars-e2e_mean_s",
            "bars-e2e_p99_s", "bars-queueing_mean_s", "bars-turnaround_mean_s", "cdf-ttft", "cdf-e2e", "cdf-turnaround",
            "class-queueing_mean_s", "class-e2e_p99_s", "class-turnaround_mean_s", "timeline-queued", "timeline-running",
            "timeline-kv");

    @TempDir
    static Path tmp;
    static Path spec;
    static Path compared;
    static Cli compare;

    @BeforeAll
    static void compareWithAnSlo() throws IOException {
        spec = tmp.resolve("small.yaml");
        try (InputStream in = ReportCommandTest.class.getResourceAsStream("/dev/aiosim/cli/small.yaml")) {
            Files.copy(in, spec);
        }
        compared = tmp.resolve("compared");
        compare = Cli.run("compare", spec.toString(), "--set", "slo.ttft=1s", "--set", "slo.e2e=20s", "--out", compared.toString());
        assertThat(compare.code()).as(compare.err()).isZero();
    }

    @Test
    void compareWritesTheReportAndPrintsItsPath() throws Exception {
        Path html = compared.resolve("report.html");
        assertThat(compare.out()).contains("report: " + html);
        assertThat(charts(html)).containsExactlyElementsOf(RUN_CHARTS);
        selfContained(html);
        assertThat(Files.readString(html)).contains("aiosim report: small").contains("rr(quantum=16)").contains("TTFT p99 s");
    }

    @Test
    void runWritesNoReportAndTheReportCommandDrawsItWithoutSloCharts() throws Exception {
        Path out = tmp.resolve("run");
        assertThat(Cli.run("run", spec.toString(), "--out", out.toString(), "-q").code()).isZero();
        assertThat(out.resolve("report.html")).doesNotExist();
        Cli r = Cli.run("report", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("report: " + out.resolve("report.html"));
        List<String> expected = new ArrayList<>(RUN_CHARTS);
        expected.removeAll(List.of("bars-goodput_per_s", "bars-slo_attainment"));
        assertThat(charts(out.resolve("report.html"))).containsExactlyElementsOf(expected);
        selfContained(out.resolve("report.html"));
    }

    @Test
    void aSweepFolderGetsMetricsAgainstTheSweptKeyAndOnePointsRuns() throws Exception {
        Path sweep = tmp.resolve("sweep");
        Files.createDirectories(sweep);
        List<String> summary = Files.readAllLines(compared.resolve("summary.csv"));
        List<String> rows = new ArrayList<>();
        rows.add("point,workload.arrivals.rate,cluster.max-batch," + summary.get(0));
        for (String rate : List.of("2", "4", "8")) {
            summary.subList(1, summary.size()).forEach(s -> rows.add("p" + rate + "," + rate + ",4," + s));
        }
        Files.write(sweep.resolve("sweep.csv"), rows, StandardCharsets.UTF_8);
        Files.createDirectories(sweep.resolve("p8"));
        try (var files = Files.list(compared)) {
            for (Path f : files.toList()) {
                Files.copy(f, sweep.resolve("p8").resolve(f.getFileName()));
            }
        }
        Cli r = Cli.run("report", sweep.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> expected = new ArrayList<>(List.of("glance-sweep-workload.arrivals.rate-ttft_p99_s"));
        expected.add(RUN_CHARTS.get(0));
        expected.add(RUN_CHARTS.get(1));
        for (String m : List.of("ttft_p50_s", "ttft_p99_s", "e2e_p50_s", "e2e_p99_s", "goodput_per_s", "tokens_per_s")) {
            expected.add("sweep-workload.arrivals.rate-" + m); // max-batch does not vary; point is no key
        }
        expected.addAll(RUN_CHARTS.subList(2, RUN_CHARTS.size()));
        assertThat(charts(sweep.resolve("report.html"))).containsExactlyElementsOf(expected);
        assertThat(Files.readString(sweep.resolve("report.html"))).contains("One point of the sweep: p8")
                .contains("1 swept key (workload.arrivals.rate), 3 policies, 2 seeds");
        selfContained(sweep.resolve("report.html"));
    }

    @Test
    void aFolderThatHoldsNoResultsIsOneLine() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Cli r = Cli.run("report", empty.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("aiosim: " + empty + ": holds no summary.csv or sweep.csv; expected a results"
                + " folder (of run, compare, replay, live or sweep)");
        Cli missing = Cli.run("report", tmp.resolve("nowhere").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere: not a folder").doesNotContain("\tat ");
    }

    /** The data-chart ids of the page's figures, in order, each checked to hold exactly one svg element. */
    static List<String> charts(Path html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        Document doc = b.parse(html.toFile());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
        NodeList figures = doc.getElementsByTagName("figure");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < figures.getLength(); i++) {
            Element fig = (Element) figures.item(i);
            assertThat(fig.getElementsByTagName("svg").getLength()).as(fig.getAttribute("data-chart")).isEqualTo(1);
            assertThat(fig.getElementsByTagName("path").getLength()).as("drawn").isPositive();
            ids.add(fig.getAttribute("data-chart"));
        }
        assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(ids.size());
        return ids;
    }

    /** No address, script, image file or font: the page opens offline. */
    static void selfContained(Path html) throws IOException {
        String s = Files.readString(html);
        assertThat(s).doesNotContainIgnoringCase("http:").doesNotContainIgnoringCase("https:")
                .doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("@font-face")
                .doesNotContain("src=");
        assertThat(Pattern.compile("url\\((?!#)").matcher(s).find()).as("url() other than a local #id").isFalse();
        assertThat(Pattern.compile("href=\"(?!#)").matcher(s).find()).as("href other than a local #id").isFalse();
    }
}
