/**
 * FastServe's skip-join multi-level feedback queue (Wu et al., "Fast Distributed Inference Serving
 * for Large Language Models", arXiv:2305.05920, 2023): preemptive at step boundaries, new calls
 * placed by their prefill time.
 */
package dev.aiosim.schedulers.mlfq;
