package dev.aiosim.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The contents of a results folder for comparing two folders: every file by relative path,
 * except {@code run.json} (wall-clock facts), {@code report.html} (it repeats the command line)
 * and the rerun comment of {@code spec.yaml}, which names the folder.
 */
final class FolderDiff {
    private FolderDiff() {}

    static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(p).toString();
                if (p.getFileName().toString().equals("run.json") || p.getFileName().toString().equals("report.html")) {
                    continue;
                }
                String text = Files.readString(p);
                if (p.getFileName().toString().equals("spec.yaml")) {
                    text = text.replaceAll("(?m)^# Run it again.*$", "");
                }
                files.put(name, text);
            }
        }
        return files;
    }
}
