/**
 * Ranking calls by output length for the {@code sjf} and {@code srpt} policies: the parameters
 * that choose a flavour ({@link dev.aiosim.schedulers.length.OutputRanking}), the predictors that
 * stand in for the true length, and the queue ordered by rank.
 */
package dev.aiosim.schedulers.length;
