package dev.aiosim.cli.command;

import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.PolicyParameter;
import java.io.PrintWriter;
import java.util.List;
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
        List<PolicyInfo> policies = policyPath.plugins().registry().policies();
        if (policies.isEmpty()) {
            out.println("no policies registered");
        }
        for (PolicyInfo p : policies) {
            String params = p.parameters().isEmpty() ? "" : " [" + p.parameterNames() + "]";
            out.println(p.name() + params + (p.clairvoyant() ? " (oracle)" : ""));
            out.println("    " + p.description());
            for (PolicyParameter param : p.parameters()) {
                out.println("    " + param.name() + ": " + param.description());
            }
        }
        out.flush();
        return 0;
    }
}
