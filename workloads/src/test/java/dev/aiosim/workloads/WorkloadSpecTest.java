package dev.aiosim.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WorkloadSpecTest {
    static final String DEMO = """
            {"agents": 250,
             "arrivals": {"process": "all-at-once"},
             "program": {"kind": "react",
               "rounds": {"dist": "uniform", "min": 2, "max": 6},
               "system-prompt": {"dist": "fixed", "value": 512},
               "step-prompt": {"dist": "lognormal", "mean": 200, "sigma": 0.5},
               "output": {"dist": "lognormal", "mean": 150, "sigma": 0.6},
               "tool-latency": {"dist": "lognormal", "mean": "1.5s", "sigma": 0.8},
               "max-tokens": 0},
             "priorities": [{"share": 0.2, "priority": 1}]}
            """;

    static ObjectMapper strict() {
        return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Test
    void bindsTheDemoSpecAndWritesItBack() throws Exception {
        WorkloadSpec spec = strict().readValue(DEMO, WorkloadSpec.class);
        spec.validate("workload");
        assertThat(spec.agents()).isEqualTo(250);
        assertThat(spec.arrivals().process()).isEqualTo("all-at-once");
        assertThat(spec.program().systemPrompt().value()).isEqualTo(512);
        assertThat(spec.program().toolLatency().number("mean", DistSpec.Unit.DURATION)).isEqualTo(1.5);
        assertThat(spec.priorities()).containsExactly(new PriorityShare(0.2, 1));

        String written = strict().writeValueAsString(spec);
        assertThat(strict().readTree(written)).isEqualTo(strict().readTree(DEMO));
        assertThat(written).contains("\"system-prompt\"", "\"tool-latency\"", "\"max-tokens\"").doesNotContain("null");
        assertThat(strict().readValue(written, WorkloadSpec.class)).isEqualTo(spec);
    }

    static final String PLAN_EXECUTE = """
            {"agents": 20,
             "arrivals": {"process": "onoff", "rate-on": 20.0, "rate-off": 1.0, "on": "30s", "off": 60,
                          "diurnal": {"period": "24h", "amplitude": 0.5, "peak": "14h"}},
             "program": {"kind": "plan-execute",
               "rounds": {"dist": "uniform", "min": 1, "max": 3},
               "system-prompt": {"dist": "fixed", "value": 512},
               "step-prompt": {"dist": "empirical", "file": "t.jsonl", "column": "input_length"},
               "output": {"dist": "lognormal", "mean": 150, "sigma": 0.6},
               "fanout": {"dist": "uniform", "min": 2, "max": 8},
               "worker-prompt": {"dist": "fixed", "value": 64},
               "worker-output": {"dist": "exponential", "mean": 90},
               "tool-latency": {"dist": "exponential", "mean": "1s"},
               "tool": "search"}}
            """;

    static final String MULTI_TURN = """
            {"agents": 20,
             "arrivals": {"process": "gamma", "rate": 2.0, "cv": 3.0, "diurnal": {"period": 600, "amplitude": 0.2}},
             "program": {"kind": "multi-turn",
               "turns": {"dist": "uniform", "min": 2, "max": 9},
               "step-prompt": {"dist": "lognormal", "mean": 120, "sigma": 0.5},
               "output": {"dist": "lognormal", "mean": 200, "sigma": 0.6},
               "think-time": {"dist": "exponential", "mean": "20s"},
               "max-tokens": 512}}
            """;

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"PLAN_EXECUTE", "MULTI_TURN"})
    void bindsTheNewArrivalAndProgramFieldsAndWritesThemBack(String which) throws Exception {
        String text = which.equals("PLAN_EXECUTE") ? PLAN_EXECUTE : MULTI_TURN;
        WorkloadSpec spec = strict().readValue(text, WorkloadSpec.class);
        spec.validate("workload");
        String written = strict().writeValueAsString(spec);
        assertThat(strict().readTree(written)).isEqualTo(strict().readTree(text));
        assertThat(strict().readValue(written, WorkloadSpec.class)).isEqualTo(spec);
        if (which.equals("PLAN_EXECUTE")) {
            assertThat(spec.arrivals().onSeconds()).isEqualTo(30);
            assertThat(spec.arrivals().offSeconds()).isEqualTo(60);
            assertThat(spec.arrivals().diurnal().peakSeconds()).isEqualTo(14 * 3600);
            assertThat(spec.program().fanout().min()).isEqualTo(2);
        } else {
            assertThat(spec.arrivals().diurnal().peakSeconds()).isZero();
            assertThat(spec.program().thinkTime().number("mean", DistSpec.Unit.DURATION)).isEqualTo(20);
        }
    }

    @Test
    void namesDoNotDependOnTheMappersNamingStrategy() throws Exception {
        ObjectMapper kebab = strict().setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
        ObjectMapper snake = strict().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        WorkloadSpec expected = strict().readValue(DEMO, WorkloadSpec.class);
        assertThat(kebab.readValue(DEMO, WorkloadSpec.class)).isEqualTo(expected);
        assertThat(snake.readValue(DEMO, WorkloadSpec.class)).isEqualTo(expected);
    }

    @Test
    void bindsTheTraceForm() throws Exception {
        WorkloadSpec spec = strict().readValue(
                "{\"trace\": \"t.csv\", \"format\": \"azure-2023\", \"on-bad-row\": \"skip\"}", WorkloadSpec.class);
        spec.validate("workload");
        assertThat(spec.replaysTrace()).isTrue();
        assertThat(spec.onBadRowOrDefault().label()).isEqualTo("skip");
        String written = strict().writeValueAsString(spec);
        assertThat(written).isEqualTo("{\"trace\":\"t.csv\",\"format\":\"azure-2023\",\"on-bad-row\":\"skip\"}");
        assertThat(strict().readValue(written, WorkloadSpec.class)).isEqualTo(spec);
    }

    @Test
    void unknownPropertiesFail() {
        assertThatThrownBy(() -> strict().readValue("{\"agents\": 3, \"agnets\": 4}", WorkloadSpec.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
        assertThatThrownBy(() -> strict().readValue("{\"program\": {\"systemPrompt\": {}}}", WorkloadSpec.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }

    static Stream<Arguments> invalid() {
        DistSpec tokens = DistSpec.fixed(100);
        DistSpec latency = DistSpec.fixed("1s");
        ProgramSpec react = ProgramSpec.react(DistSpec.uniform(2, 4), tokens, tokens, tokens, latency);
        return Stream.of(
                Arguments.of(new WorkloadSpec(null, null, null, null, null, null, null, null),
                        "workload: expected either 'trace'"),
                Arguments.of(WorkloadSpec.generator(0, null, react, null),
                        "workload.agents: expected an integer >= 1, got 0"),
                Arguments.of(WorkloadSpec.generator(5, null, null, null),
                        "workload.program: expected a program"),
                Arguments.of(WorkloadSpec.generator(5, ArrivalSpec.poisson(-1), react, null),
                        "workload.arrivals.rate: expected agents per second > 0 and <= 1e9 (one per nanosecond, the clock's resolution), got -1"),
                Arguments.of(WorkloadSpec.generator(5, new ArrivalSpec("poison", 1.0, null, null, null, null, null, null), react, null),
                        "workload.arrivals.process: expected one of all-at-once, poisson, gamma, onoff, got 'poison'"),
                Arguments.of(WorkloadSpec.generator(5, ArrivalSpec.gamma(2, 0), react, null),
                        "workload.arrivals.cv: expected a number > 0, got 0"),
                Arguments.of(WorkloadSpec.generator(5, new ArrivalSpec("all-at-once", 3.0, null, null, null, null, null, null), react, null),
                        "workload.arrivals.rate: not used by process all-at-once"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                new ProgramSpec("plan", null, tokens, tokens, tokens, null, null, null, null, null, null, null, null), null),
                        "workload.program.kind: expected one of react, chat, plan-execute, multi-turn, react-memory, shared-memory, got 'plan'"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.react(DistSpec.uniform(2, 4), tokens, tokens, null, latency), null),
                        "workload.program.output: expected a distribution"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.react(DistSpec.uniform(2, 4), tokens, tokens, tokens, null), null),
                        "workload.program.tool-latency: expected a distribution"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.react(DistSpec.uniform(5, 4), tokens, tokens, tokens, latency), null),
                        "workload.program.rounds.max: expected a value >= min (5), got 4"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.react(DistSpec.uniform(0, 4), tokens, tokens, tokens, latency), null),
                        "workload.program.rounds.min: expected an integer >= 1, got 0"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.react(DistSpec.uniform(1, 4), tokens,
                                        new DistSpec("normal", null, null, null, 3, 1, null, null), tokens, latency), null),
                        "workload.program.step-prompt.dist: expected one of fixed, uniform, lognormal, exponential, empirical, got 'normal'"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.react(DistSpec.uniform(1, 4), tokens, DistSpec.lognormal(-200, 0.5),
                                        tokens, latency), null),
                        "workload.program.step-prompt.mean: expected a number > 0, got -200"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.react(DistSpec.uniform(1, 4), tokens, DistSpec.lognormal(200, -1),
                                        tokens, latency), null),
                        "workload.program.step-prompt.sigma: expected a number >= 0, got -1"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.react(DistSpec.uniform(1, 4), DistSpec.fixed(12.5), tokens, tokens,
                                        latency), null),
                        "workload.program.system-prompt.value: expected an integer >= 1, got 12.5"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.react(DistSpec.uniform(1, 4), DistSpec.fixed("1.5s"), tokens, tokens,
                                        latency), null),
                        "workload.program.system-prompt.value: expected an integer >= 1, got '1.5s'"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.react(DistSpec.uniform(1, 4), tokens, tokens, tokens,
                                        DistSpec.fixed("soon")), null),
                        "workload.program.tool-latency.value: expected a duration >= 0 (like 250ms, 1.5s, 2m or seconds), got 'soon'"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.react(DistSpec.uniform(1, 4), tokens, tokens, tokens,
                                        DistSpec.empirical("f.csv", "x")), null),
                        "workload.program.tool-latency.dist: empirical is for token counts"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.react(DistSpec.uniform(1, 4), tokens, tokens,
                                        new DistSpec("fixed", 3, null, null, 5, null, null, null), latency), null),
                        "workload.program.output.mean: not used by dist fixed, got 5"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.react(DistSpec.uniform(1, 4), tokens, tokens,
                                        DistSpec.empirical("f.csv", null), latency), null),
                        "workload.program.output.column: expected a column name, got nothing"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.react(DistSpec.uniform(1, 4), null, null, tokens, latency), null),
                        "workload.program.step-prompt: expected a token distribution"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                new ProgramSpec("chat", DistSpec.fixed(3), null, tokens, tokens, null, null, null, null, null, null, null, null), null),
                        "workload.program.rounds: not used by kind chat"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                new ProgramSpec("react", DistSpec.fixed(3), null, tokens, tokens, latency, -1, null, null, null, null, null, null), null),
                        "workload.program.max-tokens: expected an integer >= 0 (0 = none), got -1"),
                Arguments.of(WorkloadSpec.generator(5, null, react, List.of(new PriorityShare(1.5, 1))),
                        "workload.priorities[0].share: expected a number in [0, 1], got 1.5"),
                Arguments.of(WorkloadSpec.generator(5, null, react,
                                List.of(new PriorityShare(0.6, 1), new PriorityShare(0.5, 2))),
                        "workload.priorities: expected shares summing to <= 1, got 1.1"),
                Arguments.of(WorkloadSpec.generator(5, null, react, List.of(new PriorityShare(0.5, null))),
                        "workload.priorities[0].priority: expected an integer, got nothing"),
                Arguments.of(new WorkloadSpec(5, null, null, null, "t.csv", null, null, null),
                        "workload.agents: not used with trace, got 5"),
                Arguments.of(WorkloadSpec.trace("t.csv", "parquet", null),
                        "workload.format: expected one of azure-2023, burstgpt, vidur, tracelab, mooncake, "
                                + "llmservingsim-sessions, llmservingsim, aiosim (or none to detect), got 'parquet'"),
                Arguments.of(WorkloadSpec.trace("t.csv", null, "ignore"),
                        "workload.on-bad-row: expected one of fail, skip, got 'ignore'"),
                // on/off bursts and the diurnal multiplier
                Arguments.of(WorkloadSpec.generator(5, ArrivalSpec.onOff(0, 1, "30s", "60s"), react, null),
                        "workload.arrivals.rate-on: expected agents per second > 0 and <= 1e9 (one per nanosecond, the clock's resolution), got 0"),
                Arguments.of(WorkloadSpec.generator(5, ArrivalSpec.onOff(20, -1, "30s", "60s"), react, null),
                        "workload.arrivals.rate-off: expected agents per second >= 0 and <= 1e9 (one per nanosecond, the clock's resolution), got -1"),
                Arguments.of(WorkloadSpec.generator(5, ArrivalSpec.onOff(20, 1, "soon", "60s"), react, null),
                        "workload.arrivals.on: expected a duration > 0 (like 30s, 2m or seconds), got 'soon'"),
                Arguments.of(WorkloadSpec.generator(5, ArrivalSpec.onOff(20, 1, "30s", null), react, null),
                        "workload.arrivals.off: expected a duration > 0 (like 30s, 2m or seconds), got nothing"),
                Arguments.of(WorkloadSpec.generator(5, new ArrivalSpec("onoff", 3.0, null, 20.0, 1.0, 30, 60, null),
                                react, null),
                        "workload.arrivals.rate: not used by process onoff (use rate-on and rate-off), got 3"),
                Arguments.of(WorkloadSpec.generator(5, new ArrivalSpec("poisson", 3.0, null, 20.0, null, null, null,
                                null), react, null),
                        "workload.arrivals.rate-on: not used by process poisson, got 20"),
                Arguments.of(WorkloadSpec.generator(5, ArrivalSpec.poisson(2).withDiurnal(new DiurnalSpec("24h", 1.0, "14h")),
                                react, null),
                        "workload.arrivals.diurnal.amplitude: expected a number in [0, 1), got 1"),
                Arguments.of(WorkloadSpec.generator(5, ArrivalSpec.gamma(2, 2).withDiurnal(new DiurnalSpec(null, 0.5, null)),
                                react, null),
                        "workload.arrivals.diurnal.period: expected a duration > 0 (like 24h, 30m or seconds), got nothing"),
                Arguments.of(WorkloadSpec.generator(5, ArrivalSpec.onOff(20, 1, 30, 60)
                                .withDiurnal(new DiurnalSpec("24h", 0.5, "-1h")), react, null),
                        "workload.arrivals.diurnal.peak: expected a duration >= 0 (like 14h or seconds), got '-1h'"),
                Arguments.of(WorkloadSpec.generator(5, ArrivalSpec.allAtOnce().withDiurnal(new DiurnalSpec("24h", 0.5, null)),
                                react, null),
                        "workload.arrivals.diurnal: not used by process all-at-once"),
                // plan-execute and multi-turn
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.planExecute(null, tokens, tokens, tokens, null, null, null), null),
                        "workload.program.fanout: expected a distribution"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.planExecute(null, tokens, tokens, tokens, DistSpec.uniform(0, 3), null, null), null),
                        "workload.program.fanout.min: expected an integer >= 1, got 0"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.planExecute(DistSpec.fixed(0), tokens, tokens, tokens, DistSpec.fixed(3), null,
                                        null), null),
                        "workload.program.rounds.value: expected an integer >= 1, got 0"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.planExecute(null, tokens, tokens, tokens, DistSpec.fixed(3),
                                        DistSpec.fixed(-3), null), null),
                        "workload.program.worker-prompt.value: expected an integer >= 1, got -3"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.planExecute(null, tokens, tokens, tokens, DistSpec.fixed(3), null,
                                        DistSpec.lognormal(0, 1)), null),
                        "workload.program.worker-output.mean: expected a number > 0, got 0"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.planExecute(null, tokens, tokens, tokens, DistSpec.fixed(3), null, null)
                                        .withTools(DistSpec.fixed("later"), "search"), null),
                        "workload.program.tool-latency.value: expected a duration >= 0"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.planExecute(null, tokens, tokens, tokens, DistSpec.fixed(3), null, null)
                                        .withTools(null, "search"), null),
                        "workload.program.tool: not used by kind plan-execute without tool-latency, got 'search'"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.react(DistSpec.fixed(3), tokens, tokens, tokens, latency)
                                        .withTools(latency, null).withMaxTokens(null).withFanout(DistSpec.fixed(2)), null),
                        "workload.program.fanout: not used by kind react, got"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.multiTurn(null, tokens, tokens, tokens, latency), null),
                        "workload.program.turns: expected a distribution"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.multiTurn(DistSpec.fixed(4), tokens, tokens, tokens, null), null),
                        "workload.program.think-time: expected a distribution"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.multiTurn(DistSpec.fixed(4), tokens, tokens, tokens, DistSpec.exponential("-2s")),
                                null),
                        "workload.program.think-time.mean: expected a duration > 0"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.multiTurn(DistSpec.fixed(4), tokens, tokens, tokens, latency)
                                        .withTools(latency, null), null),
                        "workload.program.tool-latency: not used by kind multi-turn (use think-time)"),
                Arguments.of(WorkloadSpec.generator(5, null,
                                ProgramSpec.chat(tokens, tokens).withFanout(null).withTurns(DistSpec.fixed(2)), null),
                        "workload.program.turns: not used by kind chat"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void validationNamesTheFieldAndWhatWasExpected(WorkloadSpec spec, String message) {
        assertThatThrownBy(() -> spec.validate("workload"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void acceptsDurationsAndNumericText() {
        DistSpec.fixed("250ms").validate("d", DistSpec.Unit.DURATION);
        assertThat(DistSpec.fixed("250ms").number("value", DistSpec.Unit.DURATION)).isEqualTo(0.25);
        assertThat(DistSpec.fixed("2m").number("value", DistSpec.Unit.DURATION)).isEqualTo(120);
        assertThat(DistSpec.fixed(3).number("value", DistSpec.Unit.DURATION)).isEqualTo(3);
        assertThat(DistSpec.fixed("40us").number("value", DistSpec.Unit.DURATION)).isEqualTo(40e-6);
        DistSpec.fixed("512").validate("d", DistSpec.Unit.TOKENS);
    }
}
