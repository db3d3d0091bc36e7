/**
 * A stand-alone workload for measuring one scheduling decision of a policy (the Scheduler SPI of
 * DESIGN.md §5) without the rest of the kernel: minimal {@code CallView} and {@code EngineView}
 * implementations and a churn that keeps the number of queued calls constant, so that JMH can
 * show how a decision's cost grows with the queue.
 */
package dev.aiosim.bench.policy;
