package dev.aiosim.cli.command;

import dev.aiosim.cli.cluster.Worker;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aiosim worker}: a member of a cluster of aiosim workers that runs the runs of sweeps
 * started with {@code aiosim sweep --cluster}; it runs until stopped (Ctrl-C, SIGTERM).
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Starts a worker for distributed sweeps (a Hazelcast member): it joins the members at --join and"
            + " runs the runs that 'aiosim sweep --cluster' sends, until stopped with Ctrl-C."})
public final class WorkerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--join", paramLabel = "HOST:PORT[,...]", required = true,
            description = "Members to join (TCP; this worker's own address may be in the list). The same list on every worker.")
    String join;

    @Option(names = "--port", paramLabel = "P", description = "Port to listen on (default 5701).")
    String port = "5701";

    @Option(names = "--address", paramLabel = "HOST",
            description = "Interface address to bind and announce (default: 127.0.0.1 when every --join host is local, else Hazelcast's choice).")
    String address;

    @Mixin
    JobsOption jobs = new JobsOption();

    @Mixin
    DebugOption debug = new DebugOption();

    @Override
    public Integer call() throws InterruptedException {
        int p = dev.aiosim.cli.cluster.ClusterSettings.port("--port", port);
        Worker w = Worker.start(dev.aiosim.cli.cluster.ClusterSettings.addresses("--join", join), p, address, jobs.jobs());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            w.close();
            stopped.countDown();
        }, "aiosim-worker-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("aiosim worker " + w.address() + ": " + jobs.jobs() + " jobs, " + w.members() + " members in the cluster;"
                + " waiting for runs (Ctrl-C stops)");
        out.flush();
        stopped.await();
        return 0;
    }
}
