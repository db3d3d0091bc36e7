package dev.aiosim.cli.command;

import dev.aiosim.cli.audit.ChainVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aiosim audit}: tools for the hash-chained audit trail; alone it prints its usage. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Tools for the audit trail (audit.jsonl, written with --audit or the spec's audit: on).",
        subcommands = {AuditCommand.Verify.class})
public final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code aiosim audit verify FILE}: exit 0 when the chain is whole, else one line naming the first bad line and exit 2. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Checks the hash chain of an audit.jsonl: every line's seq and the SHA-256 of the line before.",
                "Exit 0 when intact; otherwise prints the first line that was altered or removed and exits 2."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The audit.jsonl file (or a results folder holding one).")
        Path file;

        @Override
        public Integer call() throws IOException {
            Path f = Files.isDirectory(file) ? file.resolve("audit.jsonl") : file;
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(f)) {
                err.println("aiosim: " + f + ": no such file; expected an audit.jsonl written with --audit");
                err.flush();
                return 2;
            }
            ChainVerifier.Result r = ChainVerifier.verify(f);
            if (r.ok()) {
                out.println(f + ": " + r.message());
                out.flush();
                return 0;
            }
            err.println("aiosim: " + f + ":" + r.line() + ": " + r.message().substring(r.message().indexOf(": ") + 2));
            err.flush();
            return 2;
        }
    }
}
