package dev.aiosim.cli.plugin;

import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The policy registry of one invocation: the built-in policies plus those of the plug-in jars
 * given with {@code --policy-path}, found with {@link ServiceLoader} through a
 * {@link URLClassLoader} over the jars whose parent is aiosim's own loader (so plug-ins see the
 * kernel's SPI classes, never a copy of them). Every problem with a jar (missing, not a jar, a
 * provider that fails to load, a name taken by a built-in or another plug-in policy, no policy at
 * all) is a one-line {@link SpecException}. The loader stays open for the life of the process:
 * policies load their classes lazily while they run.
 */
public final class PolicyPlugins {
    /** Where a plug-in jar lists its providers. */
    public static final String SERVICE_FILE = "META-INF/services/" + SchedulerProvider.class.getName();

    private static final PolicyPlugins NONE = new PolicyPlugins(List.of(), Map.of(), null);

    private final List<Path> jars;
    private final Map<Path, List<String>> policiesByJar;
    private final SchedulerRegistry registry;

    private PolicyPlugins(List<Path> jars, Map<Path, List<String>> policiesByJar, SchedulerRegistry registry) {
        this.jars = List.copyOf(jars);
        this.policiesByJar = policiesByJar;
        this.registry = registry;
    }

    /** Loads the jars (none: the built-in policies only). */
    public static PolicyPlugins load(List<Path> paths) {
        if (paths.isEmpty()) {
            return NONE;
        }
        Set<Path> jars = new LinkedHashSet<>();
        for (Path p : paths) {
            jars.add(checkJar(p));
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new SpecException("--policy-path " + jar + ": cannot be made a class path entry: " + e.getMessage());
            }
        }
        URLClassLoader loader = new URLClassLoader("aiosim-policy-plugins", urls.toArray(URL[]::new),
                PolicyPlugins.class.getClassLoader());
        Map<String, SchedulerProvider> builtIn = new TreeMap<>();
        Map<String, SchedulerProvider> plugins = new TreeMap<>();
        Map<Path, List<String>> byJar = new LinkedHashMap<>();
        jars.forEach(j -> byJar.put(j, new ArrayList<>()));
        for (SchedulerProvider p : providers(loader, jars)) {
            String name = name(p, jars);
            if (p.getClass().getClassLoader() != loader) {
                builtIn.put(name, p);
                continue;
            }
            Path jar = jarOf(p);
            SchedulerProvider other = plugins.put(name, p);
            if (other != null) {
                throw new SpecException("--policy-path: two plug-in policies are named '" + name + "': "
                        + other.getClass().getName() + " in " + jarOf(other) + " and " + p.getClass().getName() + " in " + jar);
            }
            byJar.computeIfAbsent(jar, k -> new ArrayList<>()).add(name);
        }
        for (Map.Entry<String, SchedulerProvider> e : plugins.entrySet()) {
            SchedulerProvider b = builtIn.get(e.getKey());
            if (b != null) {
                throw new SpecException("--policy-path " + jarOf(e.getValue()) + ": its policy '" + e.getKey() + "' ("
                        + e.getValue().getClass().getName() + ") has the name of a built-in policy (" + b.getClass().getName()
                        + "); expected a new name");
            }
        }
        if (plugins.isEmpty()) {
            throw new SpecException("--policy-path " + jars.stream().map(Path::toString).collect(Collectors.joining(", "))
                    + ": no policy found; expected a jar that lists its SchedulerProvider classes in " + SERVICE_FILE);
        }
        List<SchedulerProvider> all = new ArrayList<>(builtIn.values());
        all.addAll(plugins.values());
        return new PolicyPlugins(List.copyOf(jars), byJar, SchedulerRegistry.of(all));
    }

    /** The built-in and plug-in policies. */
    public SchedulerRegistry registry() {
        return registry != null ? registry : SchedulerRegistry.load();
    }

    /** The plug-in jars, absolute and normalised, in the order given; empty when none. */
    public List<Path> jars() {
        return jars;
    }

    /** The names of the policies each jar holds (none for a jar that only holds their dependencies). */
    public Map<Path, List<String>> policiesByJar() {
        return policiesByJar;
    }

    /**
     * {@code comment} followed, when plug-ins were loaded, by the {@code --policy-path} options that
     * repeat the run and each jar's SHA-256 and policies, for the head of the resolved
     * {@code spec.yaml}.
     */
    public String specComment(String comment) {
        if (jars.isEmpty()) {
            return comment;
        }
        StringBuilder b = new StringBuilder(comment);
        b.append("\nIt used plug-in policies; add: ")
                .append(jars.stream().map(j -> "--policy-path " + j).collect(Collectors.joining(" ")));
        for (Path jar : jars) {
            List<String> names = policiesByJar.get(jar);
            b.append("\n  ").append(jar).append(" sha256=").append(sha256(jar))
                    .append(names.isEmpty() ? " (no policy)" : " policies: " + String.join(", ", names));
        }
        return b.toString();
    }

    private static Path checkJar(Path p) {
        if (p.toString().isBlank()) {
            throw new SpecException("--policy-path: expected a jar file, got ''");
        }
        Path abs = p.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new SpecException("--policy-path " + p + ": no such file");
        }
        if (!Files.isRegularFile(abs)) {
            throw new SpecException("--policy-path " + p + ": expected a jar file, got a folder or a special file");
        }
        try (JarFile jar = new JarFile(abs.toFile())) {
            jar.size();
        } catch (IOException | SecurityException e) {
            throw new SpecException("--policy-path " + p + ": not a readable jar (" + e.getMessage() + ")");
        }
        return abs;
    }

    /** Every provider the loader sees, built-in or plug-in; one that fails to load is a user error. */
    private static List<SchedulerProvider> providers(ClassLoader loader, Set<Path> jars) {
        List<SchedulerProvider> found = new ArrayList<>();
        Iterator<SchedulerProvider> it = ServiceLoader.load(SchedulerProvider.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return found;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                throw loadFailure(jars, e);
            }
        }
    }

    private static String name(SchedulerProvider p, Set<Path> jars) {
        try {
            return p.info().name();
        } catch (LinkageError | RuntimeException e) {
            throw loadFailure(jars, e);
        }
    }

    private static SpecException loadFailure(Set<Path> jars, Throwable e) {
        StringBuilder why = new StringBuilder(oneLine(e));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            why.append(": ").append(oneLine(c));
        }
        return new SpecException("--policy-path " + jars.stream().map(Path::toString).collect(Collectors.joining(", "))
                + ": a policy provider failed to load: " + why, e);
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
        return m.isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName() + " " + m;
    }

    private static Path jarOf(SchedulerProvider p) {
        try {
            return Path.of(p.getClass().getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell which jar " + p.getClass().getName() + " came from", e);
        }
    }

    private static String sha256(Path jar) {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("--policy-path " + jar + ": cannot read it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
