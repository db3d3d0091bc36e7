/**
 * The results folder of one invocation: {@code spec.yaml}, {@code summary.csv},
 * {@code classes.csv}, {@code engines.csv}, {@code calls.csv}, {@code agents.csv}, {@code *.hlog} and
 * {@code run.json}. Everything but {@code run.json} is a function of spec and seed only, written
 * with fixed, locale-independent number formats.
 */
package dev.aiosim.cli.results;
