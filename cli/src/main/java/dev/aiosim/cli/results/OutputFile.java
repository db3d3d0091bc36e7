package dev.aiosim.cli.results;

import dev.aiosim.cli.spec.SpecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How aiosim writes a whole output file without ever destroying one it did not create: the target
 * must be absent or a regular file (never a folder, device, pipe or link: {@code --out /dev/null}
 * is refused, not replaced); the content goes to a temporary file in the target's folder, which is
 * moved into place only when complete; on failure only the temporary file is removed, so an old
 * file of that name is left as it was.
 */
public final class OutputFile {
    private OutputFile() {}

    /** Writes a file's content to a path (the temporary one). */
    @FunctionalInterface
    public interface Writing {
        /** Writes the whole content to {@code file}, creating it. */
        void writeTo(Path file) throws IOException;
    }

    /**
     * Refuses a target that is not a regular file or absent.
     *
     * @param what how messages name it, e.g. {@code --out out.jsonl}
     * @throws SpecException naming what the path is
     */
    public static void checkTarget(Path target, String what) {
        if (target.toString().isBlank()) {
            throw new SpecException(what + ": expected a file path, got ''");
        }
        if (Files.isSymbolicLink(target)) {
            throw new SpecException(what + ": is a symbolic link; give the path of a regular file (aiosim does not write through links)");
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new SpecException(what + ": the folder " + parent + " does not exist");
            }
            return;
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new SpecException(what + ": is a folder; expected a file path");
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new SpecException(what + ": is not a regular file (a device, a pipe or a socket); aiosim replaces only"
                    + " regular files");
        }
    }

    /**
     * Writes {@code target} through a temporary file next to it (same suffix, so that a writer
     * that compresses {@code .gz} names does so) and moves it into place when {@code writing}
     * returns; if it throws, the temporary file is removed and the target left untouched.
     */
    public static void write(Path target, Writing writing) throws IOException {
        Path abs = target.toAbsolutePath();
        Path temp = abs.resolveSibling(".aiosim-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + "-" + abs.getFileName());
        boolean moved = false;
        try {
            writing.writeTo(temp);
            try {
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // the temporary file is ours; leave it if it cannot be removed
                }
            }
        }
    }

    /** {@link #write} with I/O errors unchecked, naming the file. */
    public static void writeUnchecked(Path target, Writing writing) {
        try {
            write(target, writing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        }
    }

    /** An I/O error's reason for a one-line message ("No space left on device"). */
    public static String reason(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
