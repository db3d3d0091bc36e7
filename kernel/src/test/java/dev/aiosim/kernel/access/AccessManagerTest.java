package dev.aiosim.kernel.access;

import static dev.aiosim.kernel.access.AccessManager.Data.MEMORY;
import static dev.aiosim.kernel.access.AccessManager.Data.STORAGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Who reaches whose data and which tools. */
class AccessManagerTest {
    @Test
    void byDefaultAnAgentReachesOnlyItsOwnDataAndAnyTool() {
        AccessManager a = AccessManager.ownOnly();
        a.enroll(1, "g");
        a.enroll(2, "g");
        assertThat(a.mayReach(MEMORY, true, 1, "g", -1)).isTrue();
        assertThat(a.mayReach(MEMORY, true, 1, "g", 1)).isTrue();
        assertThat(a.mayReach(MEMORY, false, 1, "g", 2)).as("same group, no rule").isFalse();
        assertThat(a.mayReach(STORAGE, false, 1, "g", 2)).isFalse();
        assertThat(a.mayCall("g", "search")).isTrue();
    }

    @Test
    void rulesGrantReadOrWriteOnGroups() {
        AccessManager a = new AccessManager(List.of(
                new AccessRule("team", List.of(AccessRule.SAME), Rights.READ_WRITE, Rights.READ, null),
                new AccessRule("auditors", List.of("team"), Rights.READ, Rights.NONE, List.of("grep")),
                new AccessRule("*", List.of("public"), Rights.READ, Rights.READ, null)));
        a.enroll(1, "team");
        a.enroll(2, "team");
        a.enroll(3, "auditors");
        a.enroll(4, "public");
        assertThat(a.mayReach(MEMORY, true, 1, "team", 2)).isTrue();
        assertThat(a.mayReach(STORAGE, false, 1, "team", 2)).isTrue();
        assertThat(a.mayReach(STORAGE, true, 1, "team", 2)).as("storage is read-only within the team").isFalse();
        assertThat(a.mayReach(MEMORY, false, 3, "auditors", 1)).isTrue();
        assertThat(a.mayReach(MEMORY, true, 3, "auditors", 1)).isFalse();
        assertThat(a.mayReach(MEMORY, false, 1, "team", 3)).as("the team has no rule on auditors").isFalse();
        assertThat(a.mayReach(MEMORY, false, 3, "auditors", 4)).as("* applies to every group").isTrue();
        assertThat(a.mayReach(MEMORY, false, 1, "team", 99)).as("an agent that never arrived").isFalse();
        assertThat(a.mayCall("auditors", "grep")).isTrue();
        assertThat(a.mayCall("auditors", "shell")).isFalse();
        assertThat(a.mayCall("team", "shell")).as("no tool list for the team").isTrue();
    }

    @Test
    void rightsParse() {
        assertThat(Rights.parse("read-write")).isEqualTo(Rights.READ_WRITE);
        assertThat(Rights.READ_WRITE.text()).isEqualTo("read-write");
        assertThat(Rights.WRITE.allows(false)).isFalse();
    }
}
