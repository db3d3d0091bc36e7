package dev.aiosim.cli.html;

import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The HTML of the report being built: a title, an "at a glance" row of the key charts, then
 * sections, paragraphs, tables and charts (each an inline SVG in a
 * {@code <figure data-chart="...">}), written as well-formed XML (polyglot HTML5), with its style
 * inline and no script, font or address of any kind.
 */
final class Page {
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:24px auto;\
            max-width:1200px;padding:0 16px;color:#222;background:#fff}
            h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
            h3{font-size:15px;margin:18px 0 6px}
            p.note,p.facts{color:#555;font-size:13px;margin:4px 0}
            .charts{display:flex;flex-wrap:wrap;gap:12px}
            figure{margin:0;border:1px solid #eee;border-radius:4px;background:#fff}
            figure svg{display:block;width:100%;max-width:560px;height:auto}
            table{border-collapse:collapse;font-size:13px;margin:8px 0}
            th,td{border:1px solid #ddd;padding:3px 8px;text-align:right;white-space:nowrap}
            th:first-child,td:first-child{text-align:left}th{background:#f5f5f5}
            code{font-size:12px}.wide{overflow-x:auto}
            .glance{display:flex;gap:12px;margin-top:12px}.glance figure{flex:1 1 0;min-width:0}
            """;

    private final StringBuilder head = new StringBuilder();
    private final StringBuilder glance = new StringBuilder();
    private final StringBuilder body = new StringBuilder();
    private final StringBuilder charts = new StringBuilder();
    private int chartCount;
    private boolean inCharts;

    /** Text safe in element content and attribute values. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** The page's title line and facts, above everything else. */
    void title(String text, String facts) {
        head.append("<h1>").append(escape(text)).append("</h1>\n<p class=\"facts\">").append(escape(facts)).append("</p>\n");
    }

    /** A chart for the row at the top of the page (drawn again, at its size, where its section wants it). */
    void glance(String id, Chart<?, ?> chart) {
        glance.append("<figure data-chart=\"glance-").append(escape(id)).append("\">")
                .append(ChartSvg.inline(chart, "c" + chartCount++)).append("</figure>\n");
    }

    void heading(int level, String text) {
        flushCharts();
        body.append("<h").append(level).append('>').append(escape(text)).append("</h").append(level).append(">\n");
    }

    void note(String text) {
        flushCharts();
        body.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
    }

    /** A table: a header row and rows of text cells. */
    void table(List<String> header, List<List<String>> rows) {
        flushCharts();
        body.append("<div class=\"wide\"><table>\n<tr>");
        header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> r : rows) {
            body.append("<tr>");
            r.forEach(c -> body.append("<td>").append(escape(c)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table></div>\n");
    }

    /** A chart, drawn now; consecutive charts share a row that wraps. */
    void chart(String id, Chart<?, ?> chart) {
        String svg = ChartSvg.inline(chart, "c" + chartCount++);
        inCharts = true;
        charts.append("<figure data-chart=\"").append(escape(id)).append("\">").append(svg).append("</figure>\n");
    }

    /** Charts drawn so far. */
    int charts() {
        return chartCount;
    }

    private void flushCharts() {
        if (inCharts) {
            body.append("<div class=\"charts\">\n").append(charts).append("</div>\n");
            charts.setLength(0);
            inCharts = false;
        }
    }

    /** The whole page. */
    String render(String title) {
        flushCharts();
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>" + escape(title)
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n" + head
                + (glance.isEmpty() ? "" : "<div class=\"glance\">\n" + glance + "</div>\n") + body + "</body>\n</html>\n";
    }
}
