package dev.aiosim.workloads.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.workloads.Drive;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sessions of rows on {@link RowSource}: rows are {@code key:value} texts; the parser makes one
 * agent per group whose prompt is the group's row count, and fails on a value {@code bad}. A row
 * {@code !} cannot be read at all (like malformed CSV): reading it throws.
 */
class RowGroupsTest {

    /** Rows from a list, counting how many were read. */
    private static final class ListRows implements RowSource.Rows<String> {
        final List<String> rows;
        int read;
        boolean closed;

        ListRows(List<String> rows) {
            this.rows = rows;
        }

        @Override
        public String next() {
            if (read == rows.size()) {
                return null;
            }
            String r = rows.get(read++);
            if (r.equals("!")) {
                throw new TraceFormatException("f", read, "row", "well-formed CSV", "");
            }
            return r;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Reads the whole group; the agent's prompt is its row count. */
    private static AgentArrival whole(RowGroups.Group<String> g, long pid) {
        int n = 0;
        for (String r = g.next(); r != null; r = g.next()) {
            if (r.endsWith(":bad")) {
                throw new TraceFormatException("f", n, "value", "not bad", "bad");
            }
            n++;
        }
        return Requests.single(pid, 0, new LlmCall(n, 1));
    }

    private static RowSource<RowGroups.Group<String>> source(ListRows rows, OnBadRow onBadRow,
                                                            RowSource.Parser<RowGroups.Group<String>> parser) {
        return new RowSource<>(new RowGroups<>(rows, r -> r.substring(0, r.indexOf(':'))), onBadRow, parser);
    }

    private static List<Integer> sizes(List<AgentArrival> all) {
        return all.stream().map(a -> ((LlmCall) Drive.run(a.agent().program()).get(0)).promptTokens()).toList();
    }

    @Test
    void consecutiveRowsWithOneKeyAreOneAgentAndAKeyMayComeBack() {
        ListRows rows = new ListRows(List.of("a:1", "a:2", "b:1", "a:1", "a:2", "a:3"));
        List<AgentArrival> all;
        try (RowSource<RowGroups.Group<String>> s = source(rows, OnBadRow.FAIL, RowGroupsTest::whole)) {
            all = Drive.all(s);
        }
        assertThat(sizes(all)).containsExactly(2, 1, 3);
        assertThat(all).extracting(a -> a.agent().pid()).containsExactly(0L, 1L, 2L);
        assertThat(rows.closed).isTrue();
    }

    @Test
    void aSkippedGroupCountsAllItsRowsAndLaterGroupsKeepTheirPids() {
        ListRows rows = new ListRows(List.of("a:1", "b:bad", "b:2", "b:3", "c:1"));
        RowSource<RowGroups.Group<String>> s = source(rows, OnBadRow.SKIP, RowGroupsTest::whole);
        List<AgentArrival> all = Drive.all(s);
        assertThat(sizes(all)).containsExactly(1, 1);
        assertThat(all).extracting(a -> a.agent().pid()).containsExactly(0L, 2L);
        assertThat(s.skippedRows()).isEqualTo(3);
        assertThat(rows.read).isEqualTo(5);
    }

    @Test
    void failStopsAtTheBadRowBeforeALaterUnreadableRowOfTheSameGroup() {
        ListRows rows = new ListRows(List.of("a:1", "a:bad", "!", "a:3"));
        RowSource<RowGroups.Group<String>> s = source(rows, OnBadRow.FAIL, RowGroupsTest::whole);
        assertThatThrownBy(s::next).isInstanceOf(TraceFormatException.class).hasMessageContaining("value");
        assertThat(rows.read).isEqualTo(2);
    }

    @Test
    void skippingReadsOnThroughTheGroupSoAnUnreadableRowInItStillFails() {
        ListRows rows = new ListRows(List.of("a:bad", "a:2", "!", "b:1"));
        RowSource<RowGroups.Group<String>> s = source(rows, OnBadRow.SKIP, RowGroupsTest::whole);
        assertThatThrownBy(s::next).isInstanceOf(TraceFormatException.class).hasMessageContaining("well-formed CSV");
    }

    @Test
    void aParserThatStopsEarlyLeavesTheRestOfItsGroupUnread() {
        ListRows rows = new ListRows(List.of("a:1", "a:2", "a:3", "b:1", "b:2"));
        RowSource<RowGroups.Group<String>> s = source(rows, OnBadRow.FAIL, (g, pid) -> {
            g.next();
            return Requests.single(pid, 0, new LlmCall(g.key().charAt(0), 1));
        });
        List<AgentArrival> all = Drive.all(s);
        assertThat(sizes(all)).containsExactly((int) 'a', (int) 'b');
    }

    /** Random keys and bad rows: skipped rows + rows of replayed groups = all rows, and a group's pid is its index. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void everyRowIsReplayedOrCountedAsSkipped(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ArrayList<String> list = new ArrayList<>();
        ArrayList<Boolean> groupBad = new ArrayList<>();
        char key = 'a';
        int groups = 1 + r.nextInt(30);
        for (int g = 0; g < groups; g++) {
            key = key == 'a' ? 'b' : 'a';
            int n = 1 + r.nextInt(5);
            boolean bad = false;
            for (int i = 0; i < n; i++) {
                boolean b = r.nextInt(10) == 0;
                bad |= b;
                list.add(key + ":" + (b ? "bad" : Integer.toString(i)));
            }
            groupBad.add(bad);
        }
        RowSource<RowGroups.Group<String>> s = source(new ListRows(list), OnBadRow.SKIP, RowGroupsTest::whole);
        List<AgentArrival> all = Drive.all(s);
        long replayedRows = sizes(all).stream().mapToLong(Integer::longValue).sum();
        assertThat(replayedRows + s.skippedRows()).isEqualTo(list.size());
        List<Long> goodPids = LongStream.range(0, groups).filter(g -> !groupBad.get((int) g)).boxed().toList();
        assertThat(all).extracting(a -> a.agent().pid()).containsExactlyElementsOf(goodPids);
    }
}
