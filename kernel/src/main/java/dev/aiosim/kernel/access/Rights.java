package dev.aiosim.kernel.access;

/** What an access rule lets a group do to the data (memory or storage) of other agents. */
public enum Rights {
    NONE(false, false), READ(true, false), WRITE(false, true), READ_WRITE(true, true);

    private final boolean read;
    private final boolean write;

    Rights(boolean read, boolean write) {
        this.read = read;
        this.write = write;
    }

    /** Whether an operation that writes ({@code write}) or only reads is allowed. */
    public boolean allows(boolean isWrite) {
        return isWrite ? write : read;
    }

    /** {@code none}, {@code read}, {@code write} or {@code read-write}. */
    public static Rights parse(String s) {
        return switch (s) {
            case "none" -> NONE;
            case "read" -> READ;
            case "write" -> WRITE;
            case "read-write" -> READ_WRITE;
            default -> throw new IllegalArgumentException("expected none, read, write or read-write, got '" + s + "'");
        };
    }

    /** The spec's name for it. */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
