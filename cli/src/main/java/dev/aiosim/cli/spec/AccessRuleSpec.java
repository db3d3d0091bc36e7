package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One rule of the {@code access} section (AIOS's access manager, see
 * {@link dev.aiosim.kernel.access.AccessManager}).
 *
 * @param group the callers' group, or {@code *}
 * @param of target groups: names, {@code same} or {@code *} (default {@code [same]})
 * @param memory {@code none} (default), {@code read}, {@code write} or {@code read-write} on their memory
 * @param storage the same for their files
 * @param tools the tools the callers may call ({@code *} = any); absent: the rule says nothing about tools
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessRuleSpec(
        @JsonProperty("group") String group,
        @JsonProperty("of") List<String> of,
        @JsonProperty("memory") String memory,
        @JsonProperty("storage") String storage,
        @JsonProperty("tools") List<String> tools) {
}
