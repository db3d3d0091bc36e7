/**
 * {@code report.html}: one self-contained page per results folder (run, compare, replay, live,
 * sweep) with charts drawn by XChart and inlined as SVG, so that it opens without a network:
 * latency CDFs from the {@code .hlog} files, summary metrics with 95% intervals, per-priority
 * panels, the sampled timeline and, for sweeps, metrics against the swept key.
 */
package dev.aiosim.cli.html;
