package dev.aiosim.kernel.access;

import java.util.List;

/**
 * One rule of the spec's {@code access:} section: what the agents of {@code group} may do to the
 * memory and storage of the agents of the groups in {@code of}, and which tools they may call.
 *
 * @param group the callers' group, or {@code *} for every group
 * @param of the target groups: names, {@code same} (the caller's own group) or {@code *} (any)
 * @param memory rights on those agents' memory
 * @param storage rights on those agents' files
 * @param tools the tools the callers may call ({@code *} = any), or {@code null} when this rule
 *     says nothing about tools
 */
public record AccessRule(String group, List<String> of, Rights memory, Rights storage, List<String> tools) {
    /** Matches every group in {@link #group()} and {@link #of()}. */
    public static final String ANY = "*";
    /** In {@link #of()}: the caller's own group. */
    public static final String SAME = "same";

    public AccessRule {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("group must be a group name or *");
        }
        of = List.copyOf(of);
        tools = tools == null ? null : List.copyOf(tools);
    }

    boolean appliesTo(String callerGroup) {
        return group.equals(ANY) || group.equals(callerGroup);
    }

    boolean covers(String callerGroup, String targetGroup) {
        for (String g : of) {
            if (g.equals(ANY) || g.equals(targetGroup) || (g.equals(SAME) && targetGroup.equals(callerGroup))) {
                return true;
            }
        }
        return false;
    }
}
