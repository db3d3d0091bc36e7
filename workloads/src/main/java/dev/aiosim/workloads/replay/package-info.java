/**
 * How a trace is replayed: which of its agents (a time window, a seeded sample, a limit) and on
 * what time scale (compressed by a speed-up factor, or rescaled to a target arrival rate). Kept
 * apart from the readers so every trace format gets the same options.
 */
package dev.aiosim.workloads.replay;
