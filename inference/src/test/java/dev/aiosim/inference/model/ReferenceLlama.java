package dev.aiosim.inference.model;

/**
 * A plain-Java Llama forward in double precision, written from the equations (RMSNorm, rotate-half
 * RoPE, grouped-query causal attention, SwiGLU), slow and obvious: the check on the tensor
 * implementation's layout and index arithmetic.
 */
final class ReferenceLlama {
    private final LlamaSpec s;
    private final WeightSource w;

    ReferenceLlama(LlamaSpec s, WeightSource w) {
        this.s = s;
        this.w = w;
    }

    /** Logits of the last token of {@code tokens}. */
    double[] lastLogits(int[] tokens) {
        int n = tokens.length;
        int h = s.hidden();
        int d = s.headDim();
        float[] emb = w.tensor("model.embed_tokens.weight", s.vocab(), h);
        double[][] x = new double[n][h];
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < h; i++) {
                x[t][i] = emb[tokens[t] * h + i];
            }
        }
        for (int l = 0; l < s.layers(); l++) {
            String p = "model.layers." + l + ".";
            double[][] a = norm(x, w.tensor(p + "input_layernorm.weight", h));
            double[][] q = linear(a, w.tensor(p + "self_attn.q_proj.weight", (long) s.heads() * d, h), s.heads() * d);
            double[][] k = linear(a, w.tensor(p + "self_attn.k_proj.weight", (long) s.kvHeads() * d, h), s.kvHeads() * d);
            double[][] v = linear(a, w.tensor(p + "self_attn.v_proj.weight", (long) s.kvHeads() * d, h), s.kvHeads() * d);
            rope(q, s.heads());
            rope(k, s.kvHeads());
            double[][] o = new double[n][s.heads() * d];
            for (int head = 0; head < s.heads(); head++) {
                int kvh = head / s.groups();
                for (int t = 0; t < n; t++) {
                    double[] score = new double[t + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= t; j++) {
                        double dot = 0;
                        for (int i = 0; i < d; i++) {
                            dot += q[t][head * d + i] * k[j][kvh * d + i];
                        }
                        score[j] = dot / Math.sqrt(d);
                        max = Math.max(max, score[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j <= t; j++) {
                        score[j] = Math.exp(score[j] - max);
                        sum += score[j];
                    }
                    for (int j = 0; j <= t; j++) {
                        for (int i = 0; i < d; i++) {
                            o[t][head * d + i] += score[j] / sum * v[j][kvh * d + i];
                        }
                    }
                }
            }
            add(x, linear(o, w.tensor(p + "self_attn.o_proj.weight", h, (long) s.heads() * d), h));
            double[][] b = norm(x, w.tensor(p + "post_attention_layernorm.weight", h));
            double[][] g = linear(b, w.tensor(p + "mlp.gate_proj.weight", s.intermediate(), h), s.intermediate());
            double[][] u = linear(b, w.tensor(p + "mlp.up_proj.weight", s.intermediate(), h), s.intermediate());
            for (int t = 0; t < n; t++) {
                for (int i = 0; i < s.intermediate(); i++) {
                    g[t][i] = g[t][i] / (1 + Math.exp(-g[t][i])) * u[t][i];
                }
            }
            add(x, linear(g, w.tensor(p + "mlp.down_proj.weight", h, s.intermediate()), h));
        }
        double[][] last = norm(new double[][] {x[n - 1]}, w.tensor("model.norm.weight", h));
        String head = s.tiedEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight";
        return linear(last, w.tensor(head, s.vocab(), h), s.vocab())[0];
    }

    private double[][] norm(double[][] x, float[] weight) {
        double[][] y = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            double ms = 0;
            for (double v : x[t]) {
                ms += v * v;
            }
            double r = 1 / Math.sqrt(ms / x[t].length + s.rmsEps());
            y[t] = new double[x[t].length];
            for (int i = 0; i < x[t].length; i++) {
                y[t][i] = x[t][i] * r * weight[i];
            }
        }
        return y;
    }

    /** y = x W^T with W {@code [out, in]} row-major. */
    private static double[][] linear(double[][] x, float[] weight, int out) {
        int in = x[0].length;
        double[][] y = new double[x.length][out];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < out; o++) {
                double sum = 0;
                for (int i = 0; i < in; i++) {
                    sum += x[t][i] * weight[o * in + i];
                }
                y[t][o] = sum;
            }
        }
        return y;
    }

    private void rope(double[][] x, int heads) {
        int d = s.headDim();
        int half = d / 2;
        for (int t = 0; t < x.length; t++) {
            for (int head = 0; head < heads; head++) {
                for (int i = 0; i < half; i++) {
                    double angle = t * Math.pow(s.ropeTheta(), -2.0 * i / d);
                    double a = x[t][head * d + i];
                    double b = x[t][head * d + half + i];
                    x[t][head * d + i] = a * Math.cos(angle) - b * Math.sin(angle);
                    x[t][head * d + half + i] = b * Math.cos(angle) + a * Math.sin(angle);
                }
            }
        }
    }

    private static void add(double[][] x, double[][] y) {
        for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < x[t].length; i++) {
                x[t][i] += y[t][i];
            }
        }
    }
}
