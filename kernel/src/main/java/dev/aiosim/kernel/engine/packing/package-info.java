/**
 * Step packing (DESIGN.md §4): how the tokens of the calls a policy let run fill one engine step.
 * The policy decides who runs; a {@link dev.aiosim.kernel.engine.packing.StepPacking} decides,
 * at every step, which running calls decode, which prefill and how many prompt tokens each
 * prefill takes: whole prompts mixed with decodes (Orca), chunked prefill under a token budget
 * (vLLM V1, Sarathi-Serve) or prefill-only steps that stall decodes (vLLM V0). docs/cost-models.md
 * ("Step packing") describes each with its sources.
 */
package dev.aiosim.kernel.engine.packing;
