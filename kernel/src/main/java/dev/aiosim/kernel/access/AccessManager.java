package dev.aiosim.kernel.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AIOS's access manager (Mei et al., "AIOS: LLM Agent Operating System", COLM 2025): checks every
 * memory, storage and tool call against the spec's {@code access:} rules before it is served. An
 * agent always reaches its own memory and files; it reaches another agent's only when a rule for
 * its group grants the right (read or write) on the target's group; with no rules, nobody shares.
 * A group may call every tool unless some rule for it lists tools, and then only those. A denied
 * call is never served, so it touches nothing.
 */
public final class AccessManager {
    private final List<AccessRule> rules;
    private final boolean toolRules;
    /** Groups of the agents that arrived (only kept when rules exist: without rules it is never read). */
    private final Map<Long, String> groups = new HashMap<>();

    public AccessManager(List<AccessRule> rules) {
        this.rules = List.copyOf(rules);
        this.toolRules = this.rules.stream().anyMatch(r -> r.tools() != null);
    }

    /** The default: every agent reaches only its own data, and any tool. */
    public static AccessManager ownOnly() {
        return new AccessManager(List.of());
    }

    /** An agent arrived: its group is what rules about it are checked against. */
    public void enroll(long pid, String group) {
        if (!rules.isEmpty()) {
            groups.put(pid, group);
        }
    }

    /** Which data a call reaches. */
    public enum Data { MEMORY, STORAGE }

    /**
     * May agent {@code caller} of {@code callerGroup} read (or write, {@code isWrite}) {@code target}'s data?
     * An unknown target (an agent that has not arrived) is denied.
     */
    public boolean mayReach(Data data, boolean isWrite, long caller, String callerGroup, long target) {
        if (target < 0 || target == caller) {
            return true;
        }
        String targetGroup = groups.get(target);
        if (targetGroup == null) {
            return false;
        }
        for (AccessRule r : rules) {
            if (r.appliesTo(callerGroup) && r.covers(callerGroup, targetGroup)
                    && (data == Data.MEMORY ? r.memory() : r.storage()).allows(isWrite)) {
                return true;
            }
        }
        return false;
    }

    /** May an agent of {@code group} call {@code tool}? */
    public boolean mayCall(String group, String tool) {
        if (!toolRules) {
            return true;
        }
        boolean listed = false;
        for (AccessRule r : rules) {
            if (r.tools() != null && r.appliesTo(group)) {
                listed = true;
                if (r.tools().contains(AccessRule.ANY) || (tool != null && r.tools().contains(tool))) {
                    return true;
                }
            }
        }
        return !listed;
    }
}
