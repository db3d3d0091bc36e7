/**
 * What the {@code trace} commands compute and write: statistics of any readable trace
 * ({@code trace inspect}), the Vidur CSV writer ({@code trace convert --to vidur}) and the
 * synthetic Azure-format generator ({@code trace generate}) used for the memory check.
 */
package dev.aiosim.cli.trace;
