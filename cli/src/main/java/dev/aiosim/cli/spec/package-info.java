/**
 * Experiment specs: the YAML file a run is described by, {@code --set} overrides on its tree,
 * binding with field-path and line errors, and the resolved spec written with the results.
 */
package dev.aiosim.cli.spec;
