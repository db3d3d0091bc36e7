package dev.aiosim.kernel.storage;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * AIOS's storage manager (Mei et al., "AIOS: LLM Agent Operating System", COLM 2025): each agent
 * owns files with sizes. {@code create} and {@code write} set a file's size to the bytes written
 * (creating it); {@code read} reads the bytes asked for (0 = the whole file), at most the file's
 * size; {@code delete} removes it. Every operation costs the fixed latency plus the bytes it moves
 * at the bandwidth; a read or delete of a missing file moves nothing and counts as not found.
 * Queueing under the concurrency limit is the storage resource's job, in front of this.
 */
public final class StorageManager {
    /** The file name used when a call names none. */
    public static final String DEFAULT_FILE = "file";

    private final StorageConfig config;
    private final Map<Key, Long> files = new HashMap<>();
    private long ops;
    private long bytesRead;
    private long bytesWritten;
    private long notFound;
    private long bytesStored;

    private record Key(long owner, String name) {}

    public StorageManager(StorageConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Serves one operation on {@code owner}'s files.
     *
     * @param op create, read, write or delete (case-insensitive; anything else is a read)
     * @return its service time
     */
    public long serve(long owner, String op, String file, long bytes) {
        ops++;
        Key key = new Key(owner, file == null ? DEFAULT_FILE : file);
        String o = op == null ? "read" : op.toLowerCase(Locale.ROOT);
        switch (o) {
            case "create", "write" -> {
                Long old = files.put(key, bytes);
                bytesStored += bytes - (old == null ? 0 : old);
                bytesWritten += bytes;
                return config.nanos(bytes);
            }
            case "delete" -> {
                Long old = files.remove(key);
                if (old == null) {
                    notFound++;
                } else {
                    bytesStored -= old;
                }
                return config.nanos(0);
            }
            default -> {
                Long size = files.get(key);
                if (size == null) {
                    notFound++;
                    return config.nanos(0);
                }
                long n = bytes == 0 ? size : Math.min(bytes, size);
                bytesRead += n;
                return config.nanos(n);
            }
        }
    }

    /** Size of {@code owner}'s file, -1 when it does not exist. */
    public long size(long owner, String file) {
        Long s = files.get(new Key(owner, file == null ? DEFAULT_FILE : file));
        return s == null ? -1 : s;
    }

    public StorageCounters counters() {
        return new StorageCounters(ops, bytesRead, bytesWritten, notFound, files.size(), bytesStored);
    }
}
