package dev.aiosim.cli.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Dotted field paths as used in messages and {@code --set}: {@code cluster.max-batch},
 * {@code schedulers[0].quantum} (also accepted: {@code schedulers.0.quantum}).
 */
final class Paths {
    private Paths() {}

    /** The enclosing path: {@code a.b[2]} → {@code a.b}, {@code a.b} → {@code a}, {@code a} → "". */
    static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /** True when {@code path} is {@code ancestor} or lies under it. */
    static boolean within(String path, String ancestor) {
        return path.equals(ancestor) || ancestor.isEmpty()
                || path.startsWith(ancestor) && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
    }

    /**
     * Splits a path into segments: field names as text, list indexes as {@link Integer}
     * ({@code [n]} always; a bare number only where the caller finds a list).
     */
    static List<Object> split(String path) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        int n = path.length();
        StringBuilder name = new StringBuilder();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                flush(name, out, path);
                i++;
            } else if (c == '[') {
                if (name.length() > 0) {
                    flush(name, out, path);
                }
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' in '" + path + "'");
                }
                String idx = path.substring(i + 1, close).trim();
                try {
                    out.add(Integer.parseInt(idx));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a list index in [...], got '" + idx + "' in '" + path + "'");
                }
                i = close + 1;
                if (i < n && path.charAt(i) != '.' && path.charAt(i) != '[') {
                    throw new IllegalArgumentException("expected '.' or '[' after ']' in '" + path + "'");
                }
                if (i < n && path.charAt(i) == '.') {
                    i++;
                }
            } else {
                name.append(c);
                i++;
            }
        }
        if (name.length() > 0) {
            flush(name, out, path);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty key");
        }
        return out;
    }

    private static void flush(StringBuilder name, List<Object> out, String path) {
        String s = name.toString().trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty segment in '" + path + "'");
        }
        out.add(s);
        name.setLength(0);
    }

    /** Writes segments back in canonical form: {@code schedulers[0].quantum}. */
    static String join(List<Object> segments) {
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(s);
            }
        }
        return b.toString();
    }
}
