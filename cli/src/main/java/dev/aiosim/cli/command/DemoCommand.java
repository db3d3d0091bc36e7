package dev.aiosim.cli.command;

import dev.aiosim.cli.Main;
import dev.aiosim.cli.spec.SpecLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aiosim demo}: compares fifo, rr and priority on the bundled demo spec. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the bundled comparison: 250 ReAct agents arriving together on one H100-SXM serving"
            + " Llama-3.1-8B with 16 slots, 20%% of them at priority 1; fifo vs rr (64-token quantum) vs priority,"
            + " 3 seeds. Same options as compare."})
public final class DemoCommand implements Callable<Integer> {
    /** The bundled spec, beside {@link Main}. */
    public static final String RESOURCE = "demo.yaml";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options = new CommonOptions();

    @Mixin
    BaselineOption baseline = new BaselineOption();

    @Override
    public Integer call() {
        return new Invocation(spec, options).compare(baseline.label).execute(SpecLoader.Source.resource(Main.class, RESOURCE), options.overrides());
    }
}
