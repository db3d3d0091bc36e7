package dev.aiosim.kernel.storage;

/**
 * Totals of the storage manager over a run (summary columns {@code storage_*}).
 *
 * @param ops operations served
 * @param bytesRead bytes read
 * @param bytesWritten bytes written (create and write)
 * @param notFound reads and deletes of a file that does not exist
 * @param files files that exist at the end
 * @param bytesStored their total size at the end
 */
public record StorageCounters(long ops, long bytesRead, long bytesWritten, long notFound, long files, long bytesStored) {}
