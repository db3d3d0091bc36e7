package dev.aiosim.workloads.trace.aiosim;

/** The key names of the aiosim JSONL format, shared by the reader and the writer. */
final class AiosimJson {
    static final String VERSION = "aiosim_trace";
    static final int CURRENT_VERSION = 1;
    static final String SOURCE = "source";

    static final String PID = "pid";
    static final String NAME = "name";
    static final String ARRIVAL = "arrival_ns";
    static final String PRIORITY = "priority";
    static final String WEIGHT = "weight";
    static final String GROUP = "group";
    static final String SYSCALLS = "syscalls";
    static final String DEFAULT_GROUP = "default";

    static final String LLM = "llm";
    static final String TOOL = "tool";
    static final String MEMORY = "memory";
    static final String STORAGE = "storage";
    static final String PARALLEL = "parallel";

    static final String PROMPT = "prompt";
    static final String OUTPUT = "output";
    static final String MAX_TOKENS = "max_tokens";
    static final String PREFIX = "prefix";
    static final String BLOCK_TOKENS = "block_tokens";
    static final String IDS = "ids";
    static final String SESSION = "session";
    static final String LATENCY = "latency_ns";
    static final String TOOL_NAME = "name";
    static final String OP = "op";
    static final String SIZE = "size";
    static final String ITEM = "item";
    static final String FILE = "file";
    static final String TARGET = "target";

    private AiosimJson() {}

    /** The default name of an agent whose line has no {@code name}. */
    static String defaultName(long pid) {
        return "agent-" + pid;
    }
}
