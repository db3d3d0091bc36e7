package dev.aiosim.cli.command;

import dev.aiosim.kernel.scheduler.SchedulerProvider;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Makes plug-in jars at test time: compiles Java sources against the kernel's classes with the
 * JDK's compiler and packs the classes with a {@code META-INF/services} file, as a researcher's
 * own build would, so that the CLI tests need no prebuilt jar.
 */
final class PluginJars {
    private PluginJars() {}

    /**
     * A jar in {@code dir} named {@code name}, holding {@code sources} (class name to source text)
     * compiled, and a services file listing {@code providers}.
     */
    static Path jar(Path dir, String name, Map<String, String> sources, String... providers) {
        try {
            Path src = Files.createDirectories(dir.resolve(name + "-src"));
            Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
            List<String> args = new ArrayList<>(List.of("--release", "21", "-proc:none", "-classpath", kernelClasses(), "-d",
                    classes.toString()));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int rc = javac.run(null, log, log, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("test plug-in did not compile: " + log.toString(StandardCharsets.UTF_8));
            }
            Path jar = dir.resolve(name + ".jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
                out.putNextEntry(new JarEntry("META-INF/services/" + SchedulerProvider.class.getName()));
                out.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the kernel's classes are (its target/classes or its jar). */
    private static String kernelClasses() {
        try {
            return Path.of(SchedulerProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A provider class {@code pkg.cls} of a policy {@code policy} whose constructor body is {@code ctor}. */
    static String provider(String pkg, String cls, String policy, String ctor) {
        return """
                package %1$s;

                import dev.aiosim.kernel.scheduler.*;
                import java.util.*;

                public final class %2$s implements SchedulerProvider {
                    static final PolicyInfo INFO = PolicyInfo.of("%3$s", "last-in first-out (a test plug-in)");

                    public %2$s() {
                        %4$s
                    }

                    @Override
                    public PolicyInfo info() {
                        return INFO;
                    }

                    @Override
                    public SchedulerFactory factory(Map<String, String> params) {
                        return engine -> new Scheduler() {
                            private final ArrayDeque<CallView> stack = new ArrayDeque<>();

                            @Override public PolicyInfo info() { return INFO; }
                            @Override public void enqueue(CallView call, long now) { stack.push(call); }
                            @Override public void requeue(CallView call, long now) { stack.push(call); }
                            @Override public boolean remove(CallView call, long now) { return stack.remove(call); }
                            @Override public int queued() { return stack.size(); }
                            @Override public void decide(EngineView e, long now, Decision d) {
                                while (!stack.isEmpty() && d.canAdmit(stack.peek())) {
                                    d.admit(stack.pop());
                                }
                            }
                        };
                    }
                }
                """.formatted(pkg, cls, policy, ctor);
    }

    /** A jar holding one working provider, {@code test.plugin.LifoProvider}, of the policy {@code policy}. */
    static Path lifo(Path dir, String name, String policy) {
        return jar(dir, name, Map.of("test.plugin.LifoProvider", provider("test.plugin", "LifoProvider", policy, "")),
                "test.plugin.LifoProvider");
    }
}
