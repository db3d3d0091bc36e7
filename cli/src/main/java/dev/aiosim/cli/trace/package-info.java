/**
 * What {@code trace inspect} computes: statistics of any readable trace, accumulated in one
 * streaming pass. The writers and generators of a format live in that format's package in
 * {@code workloads} (the Vidur CSV writer in {@code trace.vidur}, the synthetic Azure generator in
 * {@code trace.azure}).
 */
package dev.aiosim.cli.trace;
