/**
 * Virtual Token Counter fair queuing (Sheng et al., "Fairness in Serving Large Language Models",
 * OSDI 2024): per-client counters of weighted tokens served, the least-served backlogged client first.
 */
package dev.aiosim.schedulers.vtc;
