package dev.aiosim.cli.command;

import dev.aiosim.cli.plugin.PolicyPlugins;
import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.PolicyParameter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aiosim policies}: lists the registered scheduling policies from their declarations, building none. */
@Command(name = "policies", mixinStandardHelpOptions = true,
        description = "Lists the registered scheduling policies (with --policy-path, plug-in ones too), their parameters and descriptions.")
public final class PoliciesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PolicyPathOption policyPath = new PolicyPathOption();

    @Mixin
    DebugOption debug = new DebugOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PolicyPlugins plugins = policyPath.plugins();
        Map<String, Path> jarOf = new HashMap<>();
        plugins.policiesByJar().forEach((jar, names) -> names.forEach(n -> jarOf.put(n, jar)));
        List<PolicyInfo> policies = plugins.registry().policies();
        if (policies.isEmpty()) {
            out.println("no policies registered");
        }
        for (PolicyInfo p : policies) {
            String params = p.parameters().isEmpty() ? "" : " [" + p.parameterNames() + "]";
            Path jar = jarOf.get(p.name());
            out.println(p.name() + params + (p.clairvoyant() ? " (oracle)" : "")
                    + (jar == null ? "" : " (plug-in: " + jar.getFileName() + ")"));
            out.println("    " + p.description());
            for (PolicyParameter param : p.parameters()) {
                out.println("    " + param.name() + ": " + param.description());
            }
        }
        out.flush();
        return 0;
    }
}
