/**
 * The picocli commands: {@code demo}, {@code run}, {@code compare}, {@code replay}, {@code live},
 * {@code policies}, {@code trace inspect|convert|generate}; their shared options (declared once,
 * as mixins) and the one pipeline the experiment commands run through.
 */
package dev.aiosim.cli.command;
