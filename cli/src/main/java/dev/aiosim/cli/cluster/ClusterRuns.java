package dev.aiosim.cli.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import dev.aiosim.cli.BuildInfo;
import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.run.Experiment;
import dev.aiosim.cli.run.Stop;
import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.cli.spec.Yaml;
import dev.aiosim.cli.sweep.RunJob;
import dev.aiosim.cli.sweep.RunService;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sweep's runs on the workers of a cluster: a Hazelcast client (it opens no port, so only the
 * workers' ports must be reachable) submits each run as a {@link RunTask} to the members'
 * executor. A run whose member is lost (killed, unreachable) is submitted again, to a member
 * still there, up to {@value #MAX_ATTEMPTS} times; a run's own failure (a bad trace on the
 * worker) fails the sweep like a local one.
 */
public final class ClusterRuns implements RunService {
    /** Attempts per run before the sweep gives up (every member lost, a cluster that keeps failing). */
    static final int MAX_ATTEMPTS = 20;

    private final HazelcastInstance client;
    private final IExecutorService executor;
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("aiosim-resubmit").daemon().factory());
    private final int window;
    private final int members;
    private final AtomicInteger resubmitted = new AtomicInteger();

    private ClusterRuns(HazelcastInstance client, int window, int members) {
        this.client = client;
        this.executor = client.getExecutorService(ClusterSettings.EXECUTOR);
        this.window = window;
        this.members = members;
    }

    /**
     * Connects to the cluster at {@code addresses} ({@code HOST:PORT[,...]}); at most twice the
     * workers' jobs runs are in flight (or {@code 2 x jobs} when the workers do not say).
     */
    public static ClusterRuns connect(String addresses, int jobs) {
        List<String> list = ClusterSettings.addresses("--cluster", addresses);
        ClusterSettings.quiet();
        ClientConfig cc = new ClientConfig();
        cc.setClusterName(ClusterSettings.CLUSTER);
        for (String[] p : ClusterSettings.properties()) {
            cc.setProperty(p[0], p[1]);
        }
        cc.setProperty("hazelcast.client.heartbeat.timeout", "15000");
        cc.getNetworkConfig().setAddresses(list);
        cc.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(20_000);
        HazelcastInstance client;
        try {
            client = HazelcastClient.newHazelcastClient(cc);
        } catch (IllegalStateException e) {
            throw new SpecException("--cluster " + addresses + ": no aiosim worker answered (start them with 'aiosim worker"
                    + " --join ...', and check the ports are open)");
        }
        int slots = 0;
        int n = 0;
        for (Member m : client.getCluster().getMembers()) {
            if (m.isLiteMember()) {
                continue;
            }
            n++;
            String j = m.getAttribute(ClusterSettings.JOBS);
            slots += j == null ? jobs : Integer.parseInt(j);
        }
        return new ClusterRuns(client, Math.max(2, 2 * slots), n);
    }

    @Override
    public Future<Experiment.Finished> start(RunJob job, Stop stop) {
        String text;
        try {
            text = Yaml.MAPPER.writeValueAsString(job.spec().toTree(job.pointDir()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        RunTask task = new RunTask(BuildInfo.version(), text, job.pointDir().toString(), job.policyIndex(), job.run().seed());
        CompletableFuture<Experiment.Finished> result = new CompletableFuture<>();
        submit(task, result, 1, job);
        return result;
    }

    private void submit(RunTask task, CompletableFuture<Experiment.Finished> result, int attempt, RunJob job) {
        ExecutionCallback<TaskOutcome> callback = new ExecutionCallback<>() {
            @Override
            public void onResponse(TaskOutcome o) {
                if (o.finished() != null) {
                    result.complete(o.finished());
                } else if (o.userError() != null) {
                    result.completeExceptionally(new SpecException("worker: " + o.userError()));
                } else {
                    result.completeExceptionally(new IllegalStateException("a run failed on a worker ("
                            + job.run().policy().label() + ", seed " + job.run().seed() + "):\n" + o.failure()));
                }
            }

            @Override
            public void onFailure(Throwable t) {
                lost(task, result, attempt, job, t);
            }
        };
        try {
            executor.submit(task, callback);
        } catch (RuntimeException e) {
            lost(task, result, attempt, job, e);
        }
    }

    /** The run's member was lost (or none could take it): send it again a moment later. */
    private void lost(RunTask task, CompletableFuture<Experiment.Finished> result, int attempt, RunJob job, Throwable t) {
        if (attempt >= MAX_ATTEMPTS || !client.getLifecycleService().isRunning()) {
            result.completeExceptionally(new IllegalStateException("a run (" + job.run().policy().label() + ", seed "
                    + job.run().seed() + ") was lost " + attempt + " times on the cluster; last: " + t));
            return;
        }
        resubmitted.incrementAndGet();
        retries.schedule(() -> submit(task, result, attempt + 1, job), Math.min(2000, 100L * attempt), TimeUnit.MILLISECONDS);
    }

    /** {@code "cluster": {"workers": N, "resubmitted_runs": K}}: workers at the start, runs sent again after a member was lost. */
    @Override
    public void describe(RunInfo info) {
        info.section("cluster").put("workers", members).put("resubmitted_runs", resubmitted.get());
    }

    @Override
    public int window() {
        return window;
    }

    @Override
    public String where() {
        return "on a cluster of " + members + (members == 1 ? " worker" : " workers");
    }

    @Override
    public void close() {
        retries.shutdownNow();
        client.shutdown();
    }
}
