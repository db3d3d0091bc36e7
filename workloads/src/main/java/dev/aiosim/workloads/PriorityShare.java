package dev.aiosim.workloads;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A share of generated agents that run at a given priority level (larger is more important);
 * exists so a spec can mix classes of agents, e.g. 20% interactive agents at priority 1.
 *
 * @param share fraction of the agents, in [0, 1]
 * @param priority their priority
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PriorityShare(@JsonProperty("share") Double share, @JsonProperty("priority") Integer priority) {

    /** Checks this part of a spec; messages start with {@code path}. */
    public void validate(String path) {
        if (share == null || !(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(path + ".share: expected a number in [0, 1], got " + Spec.show(share));
        }
        if (priority == null) {
            throw new IllegalArgumentException(path + ".priority: expected an integer, got nothing");
        }
    }
}
