/**
 * Benchmarks apart from the core (like JCTools): JMH microbenchmarks in {@code jmh}, and the speed
 * suite that measures the DESIGN.md §11 budgets end to end and prints figures.
 */
package dev.aiosim.bench;
