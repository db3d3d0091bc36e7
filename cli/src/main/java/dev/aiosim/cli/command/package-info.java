/**
 * The picocli commands: {@code demo}, {@code run}, {@code compare}, {@code replay},
 * {@code policies}; their shared options and the one pipeline they run through.
 */
package dev.aiosim.cli.command;
