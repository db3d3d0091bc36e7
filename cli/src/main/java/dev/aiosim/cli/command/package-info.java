/**
 * The picocli commands: {@code demo}, {@code run}, {@code compare}, {@code replay},
 * {@code policies}, {@code trace inspect|convert|generate}; their shared options and the one
 * pipeline the experiment commands run through.
 */
package dev.aiosim.cli.command;
