package dev.aiosim.cli.command;

import picocli.CommandLine.Option;

/**
 * {@code --baseline}, declared once for the commands that print a comparison ({@code compare},
 * {@code demo}): the policy the paired differences are taken from.
 */
public final class BaselineOption {
    @Option(names = "--baseline", paramLabel = "LABEL",
            description = {"Policy the paired differences (console and paired.csv) are taken from: its label as the"
                + " tables show it, or its name when only one policy has it (default: the spec's first policy)."})
    String label;
}
