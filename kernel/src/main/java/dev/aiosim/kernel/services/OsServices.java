package dev.aiosim.kernel.services;

import dev.aiosim.kernel.access.AccessManager;
import dev.aiosim.kernel.memory.ContextWindow;
import dev.aiosim.kernel.memory.MemoryManager;
import dev.aiosim.kernel.memory.MemoryOutcome;
import dev.aiosim.kernel.metrics.ServiceTotals;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.PageOut;
import dev.aiosim.kernel.process.StorageCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.kernel.storage.StorageManager;
import java.util.Locale;

/**
 * The agent-OS services beside the scheduler (AIOS's memory, storage, tool and access managers,
 * Mei et al., COLM 2025; MemGPT's context window, Packer et al., 2023), behind the one door the
 * kernel calls: {@link #serve} for every tool, memory and storage call (access check first, then
 * the manager's latency), {@link #fit} for every LLM call. Kernel thread only.
 */
public final class OsServices {
    private final MemoryManager memory;
    private final StorageManager storage;
    private final AccessManager access;
    private final ContextWindow window;
    private final ServiceTotals totals;
    private final boolean reported;

    public OsServices(OsConfig config, ServiceTotals totals) {
        this.memory = config.memory() == null ? null : new MemoryManager(config.memory());
        this.storage = config.storage() == null ? null : new StorageManager(config.storage());
        this.access = new AccessManager(config.access());
        this.window = new ContextWindow(config.contextWindowTokens());
        this.totals = totals;
        this.reported = config.reported();
        totals.reported(reported);
    }

    /** Whether the run reports the services' figures ({@link OsConfig#reported()}). */
    public boolean reported() {
        return reported;
    }

    /** An agent arrived. */
    public void enroll(AgentProcess p) {
        access.enroll(p.pid(), p.group());
    }

    /** Checks and costs a tool, memory or storage call of {@code caller}; a denied call is counted here. */
    public ServiceOutcome serve(AgentProcess caller, Syscall call) {
        return switch (call) {
            case ToolCall t -> access.mayCall(caller.group(), t.tool()) ? ServiceOutcome.served(t.latencyNanos()) : deny();
            case MemoryCall m -> memory(caller, m);
            case StorageCall s -> storage(caller, s);
            default -> throw new IllegalArgumentException("not a tool, memory or storage call: " + call);
        };
    }

    private ServiceOutcome memory(AgentProcess caller, MemoryCall m) {
        boolean write = !isRead(m.op(), "alloc", "write", "clear");
        if (!access.mayReach(AccessManager.Data.MEMORY, write, caller.pid(), caller.group(), m.target())) {
            return deny();
        }
        if (memory == null) {
            return ServiceOutcome.served(m.latencyNanos());
        }
        long owner = m.target() == MemoryCall.SELF ? caller.pid() : m.target();
        MemoryOutcome o = memory.serve(owner, m.op(), m.item(), m.bytes());
        return new ServiceOutcome(o.latencyNanos(), false, o.hit(), o.miss());
    }

    private ServiceOutcome storage(AgentProcess caller, StorageCall s) {
        boolean write = !isRead(s.op(), "create", "write", "delete");
        if (!access.mayReach(AccessManager.Data.STORAGE, write, caller.pid(), caller.group(), s.target())) {
            return deny();
        }
        if (storage == null) {
            return ServiceOutcome.served(s.latencyNanos());
        }
        long owner = s.target() == MemoryCall.SELF ? caller.pid() : s.target();
        return ServiceOutcome.served(storage.serve(owner, s.op(), s.file(), s.bytes()));
    }

    /** Whether {@code op} only reads: it is none of the writing operations. */
    private static boolean isRead(String op, String... writes) {
        if (op == null) {
            return true;
        }
        String o = op.toLowerCase(Locale.ROOT);
        for (String w : writes) {
            if (w.equals(o)) {
                return false;
            }
        }
        return true;
    }

    private ServiceOutcome deny() {
        totals.onDenied();
        return ServiceOutcome.DENIED;
    }

    /** How an LLM call fits the context window; {@code null} when it fits as it is. */
    public ContextWindow.Fit fit(LlmCall call, PageOut pageOut) {
        return window.fit(call, pageOut);
    }

    /** The memory manager, or null when none runs. */
    public MemoryManager memory() {
        return memory;
    }

    /** The storage manager, or null when none runs. */
    public StorageManager storage() {
        return storage;
    }

    /** End of run: the managers' counters go to the totals. */
    public void finish() {
        totals.managers(memory == null ? null : memory.counters(), storage == null ? null : storage.counters());
    }
}
