package dev.aiosim.cli.command;

import dev.aiosim.kernel.scheduler.SchedulerProvider;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aiosim policies}: lists the registered scheduling policies. */
@Command(name = "policies", mixinStandardHelpOptions = true,
        description = "Lists the registered scheduling policies, their parameters and descriptions.")
public final class PoliciesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, SchedulerProvider> providers = SchedulerRegistry.load().providers();
        if (providers.isEmpty()) {
            out.println("no policies registered");
        }
        for (SchedulerProvider p : providers.values()) {
            String params = p.parameters().isEmpty() ? "" : " [" + String.join(", ", new TreeSet<>(p.parameters())) + "]";
            out.println(p.name() + params + oracle(p));
            out.println("    " + p.description());
        }
        out.flush();
        return 0;
    }

    private static String oracle(SchedulerProvider p) {
        try {
            return p.factory(Map.of()).create(0).clairvoyant() ? " (oracle)" : "";
        } catch (RuntimeException e) {
            return "";
        }
    }
}
