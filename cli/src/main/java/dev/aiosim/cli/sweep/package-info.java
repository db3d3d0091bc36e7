/**
 * Sweeps: a grid over spec keys ({@code sweep:} in the spec, {@code --vary} on the command line),
 * every point run like {@code compare} into a sub-folder of one results folder, the points'
 * summaries gathered into {@code sweep.csv} and {@code sweep-summary.csv}. The runs of all points
 * go through one ordered pipeline, on local threads or on the members of a cluster, so the
 * folder is the same however they were carried out.
 */
package dev.aiosim.cli.sweep;
