/**
 * The multi-level feedback queue shared by FastServe's skip-join MLFQ ({@code mlfq}) and
 * Autellix's PLAS and ATLAS ({@code plas}, {@code atlas}): per-level FIFO lists, demotion of
 * running calls by a {@link dev.aiosim.schedulers.levels.LevelRule}, promotion of starved calls to
 * the top, and preemption of lower-level running calls by higher-level waiting ones.
 */
package dev.aiosim.schedulers.levels;
