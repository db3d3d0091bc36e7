/**
 * Autellix's program-level schedulers (Luo et al., "Autellix: An Efficient Serving Engine for LLM
 * Agents as General Programs", arXiv:2502.13965, 2025): PLAS ranks a call by the attained service
 * of its whole program, ATLAS by the service on the program's critical path through fan-outs.
 */
package dev.aiosim.schedulers.autellix;
