package dev.aiosim.schedulers.length;

import dev.aiosim.kernel.scheduler.PolicyParameter;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The flavour of a length-ranking policy, read from its parameters: {@code flavour: oracle}
 * ranks by the true output length (clairvoyant), {@code flavour: predicted} (the default) by a
 * {@link LengthPredictor}: {@code predictor: history} (the agent's mean so far, with a
 * {@code prior} for its first call; the default) or {@code predictor: noisy} (the true length
 * with a relative {@code error}; clairvoyant, since it reads the truth). Giving {@code error}
 * alone selects the noisy predictor. A parameter that does not apply to the chosen flavour or
 * predictor is an error, never silently ignored.
 *
 * @param predictors makes one predictor per engine
 * @param clairvoyant whether the predictor reads true output lengths
 * @param describe the flavour in words, e.g. {@code predicted by noisy oracle (error 0.5)}
 */
public record OutputRanking(Supplier<LengthPredictor> predictors, boolean clairvoyant, String describe) {
    /** Largest relative error accepted. */
    public static final double MAX_ERROR = 10;
    /** Default relative error of the noisy predictor. */
    public static final double DEFAULT_ERROR = 0.5;
    /** Default prediction for an agent's first call, in tokens. */
    public static final int DEFAULT_PRIOR = 128;
    static final int MAX_PRIOR = 1_000_000;

    /** The parameters every length-ranking policy accepts, in listing order. */
    public static final List<PolicyParameter> PARAMETERS = List.of(
            PolicyParameter.of("flavour", "oracle (ranks by the true output length; clairvoyant, so reports mark it oracle) or"
                    + " predicted (by 'predictor'); default predicted", "oracle", "predicted"),
            PolicyParameter.of("predictor", "with flavour predicted: history (mean output of the agent's earlier calls)"
                    + " or noisy (true length x U[1-error, 1+error], seeded by call id; clairvoyant, marked oracle);"
                    + " default history, or noisy when 'error' is given", "noisy", "history"),
            PolicyParameter.of("error", "relative error of the noisy predictor, 0 to " + (int) MAX_ERROR
                    + " (0.5 = +-50%); default " + DEFAULT_ERROR, "0.3"),
            PolicyParameter.of("prior", "history predictor: predicted output tokens of an agent's first call, 1 to "
                    + MAX_PRIOR + "; default " + DEFAULT_PRIOR, "16"));

    /** Reads the ranking parameters of {@code policy}; errors name the parameter and what was expected. */
    public static OutputRanking parse(String policy, Map<String, String> params) {
        String flavour = params.getOrDefault("flavour", "predicted").trim();
        String where = "policy '" + policy + "' parameter ";
        switch (flavour) {
            case "oracle" -> {
                for (String k : List.of("predictor", "error", "prior")) {
                    if (params.containsKey(k)) {
                        throw new IllegalArgumentException(where + "'" + k + "': applies to flavour: predicted only, but flavour is oracle");
                    }
                }
                return new OutputRanking(LengthPredictor.Oracle::new, true, "oracle");
            }
            case "predicted" -> {
                // handled below
            }
            default -> throw new IllegalArgumentException(where + "'flavour': expected oracle or predicted, got '" + flavour + "'");
        }
        String predictor = params.getOrDefault("predictor", params.containsKey("error") ? "noisy" : "history").trim();
        switch (predictor) {
            case "noisy" -> {
                if (params.containsKey("prior")) {
                    throw new IllegalArgumentException(where + "'prior': applies to predictor: history only, but predictor is noisy");
                }
                double error = number(where + "'error'", params.get("error"), DEFAULT_ERROR, 0, MAX_ERROR);
                return new OutputRanking(() -> new LengthPredictor.NoisyOracle(error), true,
                        "predicted by noisy oracle (error " + error + ")");
            }
            case "history" -> {
                if (params.containsKey("error")) {
                    throw new IllegalArgumentException(where + "'error': applies to predictor: noisy only, but predictor is history");
                }
                int prior = (int) number(where + "'prior'", params.get("prior"), DEFAULT_PRIOR, 1, MAX_PRIOR);
                if (params.containsKey("prior") && !params.get("prior").trim().matches("[0-9]+")) {
                    throw new IllegalArgumentException(where + "'prior': expected a whole number of tokens, got '" + params.get("prior") + "'");
                }
                return new OutputRanking(() -> new LengthPredictor.AgentHistory(prior), false,
                        "predicted by agent history (prior " + prior + ")");
            }
            default -> throw new IllegalArgumentException(where + "'predictor': expected history or noisy, got '" + predictor + "'");
        }
    }

    /** A number in [min, max] from {@code text}, or {@code fallback} when absent. */
    public static double number(String what, String text, double fallback, double min, double max) {
        if (text == null) {
            return fallback;
        }
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(what + ": expected a number from " + fmt(min) + " to " + fmt(max) + ", got '" + text + "'");
        }
        return v;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
