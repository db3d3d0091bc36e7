package dev.aiosim.cli.html;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Turns an XChart chart into an {@code <svg>} element to inline in an HTML page: XChart's SVG
 * export (text drawn as outlines, so no font is needed) without its XML prolog and DTD reference,
 * without namespace URIs (an inline SVG in HTML needs none, and the page then names no address at
 * all), with coordinates cut to a tenth of a pixel (a quarter of the size), and with its clip-path ids renamed from identity hashes to {@code <prefix>-<n>}, so that
 * ids are unique in the page and the page is the same bytes every time.
 */
final class ChartSvg {
    private static final Pattern CLIP_ID = Pattern.compile("clip(-?\\d+)");
    /** A decimal number's digits after the first decimal: a tenth of a pixel is finer than any screen shows. */
    private static final Pattern FINE = Pattern.compile("(\\d\\.\\d)\\d+");

    static {
        System.setProperty("java.awt.headless", "true"); // charts are drawn without a display
    }

    private ChartSvg() {}

    /** The chart as one inline {@code <svg>} element; {@code prefix} makes its ids unique in the page. */
    static String inline(Chart<?, ?> chart, String prefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart '" + chart.getTitle() + "'", e);
        }
        return clean(out.toString(StandardCharsets.UTF_8), prefix);
    }

    /** The {@code <svg>} element of an SVG document, made fit for inlining (see the class comment). */
    static String clean(String svg, String prefix) {
        int start = svg.indexOf("<svg");
        if (start < 0) {
            throw new IllegalStateException("the chart export holds no <svg> element");
        }
        String s = svg.substring(start)
                .replace(" xmlns:xlink=\"http://www.w3.org/1999/xlink\"", "")
                .replace(" xmlns=\"http://www.w3.org/2000/svg\"", "")
                .replace("xlink:href=", "href=");
        Matcher m = CLIP_ID.matcher(s);
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String id = ids.computeIfAbsent(m.group(1), k -> prefix + "-" + ids.size());
            m.appendReplacement(b, Matcher.quoteReplacement(id));
        }
        m.appendTail(b);
        return FINE.matcher(b).replaceAll("$1").strip();
    }
}
