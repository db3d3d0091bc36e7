package dev.aiosim.cli.run;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr: one unit per run, split by virtual time against the horizon when
 * there is one; the current policy, seed and virtual time are shown beside it.
 */
public final class TerminalProgress implements Progress {
    private static final long PER_RUN = 1000;
    private final ProgressBar bar;
    private int done;
    private long horizon = Long.MAX_VALUE;
    private String label = "";

    private TerminalProgress(int runs) {
        this.bar = new ProgressBarBuilder().setTaskName("aiosim").setInitialMax(runs * PER_RUN)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().setUnit(" runs", PER_RUN)
                .hideEta().build();
    }

    /** A bar when stderr is an interactive terminal and not quiet, otherwise {@link Progress#NONE}. */
    public static Progress forTerminal(int runs, boolean quiet) {
        return !quiet && interactive() ? new TerminalProgress(runs) : Progress.NONE;
    }

    /** True when the JVM has a console attached to a terminal. */
    static boolean interactive() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try { // JDK 22+: System.console() may exist without a terminal
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public void runStarted(String policy, long seed, long horizonNanos) {
        horizon = horizonNanos;
        label = policy + " seed " + seed;
        bar.stepTo(done * PER_RUN);
        bar.setExtraMessage(label);
    }

    @Override
    public void time(long nanos) {
        if (horizon != Long.MAX_VALUE && horizon > 0) {
            bar.stepTo(done * PER_RUN + Math.min(PER_RUN - 1, nanos * PER_RUN / horizon));
        }
        bar.setExtraMessage(String.format(Locale.ROOT, "%s t=%.0fs", label, nanos / 1e9));
    }

    @Override
    public void runDone() {
        done++;
        bar.stepTo(done * PER_RUN);
    }

    @Override
    public void close() {
        bar.close();
    }
}
