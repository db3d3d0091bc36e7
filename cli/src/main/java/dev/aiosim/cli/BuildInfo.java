package dev.aiosim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Version and source commit of this aiosim. The version is stamped at build time; the commit is
 * asked of git at run time, best effort (from the folder of the jar, then the working directory),
 * so it is {@code null} outside a checkout or without git.
 */
public final class BuildInfo {
    private static String version;
    private static String[] commit;

    private BuildInfo() {}

    /** The Maven project version. */
    public static synchronized String version() {
        if (version == null) {
            Properties p = new Properties();
            try (InputStream in = BuildInfo.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // unknown
            }
            String v = p.getProperty("version", "unknown");
            version = v.startsWith("${") ? "unknown" : v;
        }
        return version;
    }

    /** The git commit, or null. */
    public static String commit() {
        return git()[0];
    }

    /** Whether tracked files differ from the commit, or null when unknown. */
    public static Boolean dirty() {
        String d = git()[1];
        return d == null ? null : !d.isEmpty();
    }

    private static synchronized String[] git() {
        if (commit == null) {
            commit = new String[2];
            for (Path dir : new Path[] {jarDir(), Path.of("").toAbsolutePath()}) {
                if (dir == null) {
                    continue;
                }
                String head = run(dir, "git", "rev-parse", "HEAD");
                if (head != null && head.matches("[0-9a-f]{40}")) {
                    commit[0] = head;
                    commit[1] = run(dir, "git", "status", "--porcelain", "--untracked-files=no");
                    break;
                }
            }
        }
        return commit;
    }

    private static Path jarDir() {
        try {
            Path p = Path.of(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(p) ? p : p.getParent();
        } catch (Exception e) {
            return null;
        }
    }

    private static String run(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
