/**
 * The {@code aiosim} command line (picocli): {@link dev.aiosim.cli.Main} and its build facts.
 * Commands live in {@code command}, specs in {@code spec}, runs in {@code run}, result files in
 * {@code results} and console reports in {@code report}.
 */
package dev.aiosim.cli;
