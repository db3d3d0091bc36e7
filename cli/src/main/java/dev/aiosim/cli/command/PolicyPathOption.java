package dev.aiosim.cli.command;

import dev.aiosim.cli.plugin.PolicyPlugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --policy-path JAR}, declared once for every command that resolves policy names (the
 * experiment commands and {@code policies}): plug-in jars whose policies join the built-in ones.
 */
public final class PolicyPathOption {
    @Option(names = "--policy-path", paramLabel = "JAR",
            description = "A jar of plug-in policies (SchedulerProviders listed in META-INF/services), usable by"
                + " name like the built-in ones; repeatable. See docs/policies.md.")
    List<Path> jars = new ArrayList<>();

    private PolicyPlugins loaded;

    /** The built-in policies plus the jars' ones, loaded once per invocation. */
    PolicyPlugins plugins() {
        if (loaded == null) {
            loaded = PolicyPlugins.load(jars);
        }
        return loaded;
    }
}
