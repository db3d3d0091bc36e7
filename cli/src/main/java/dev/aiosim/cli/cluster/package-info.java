/**
 * Distributed sweeps on Hazelcast (open source, embedded): {@code aiosim worker} starts a
 * cluster member that runs simulations; {@code aiosim sweep --cluster} connects as a client and
 * sends each run as a {@link dev.aiosim.cli.cluster.RunTask} (the point's resolved spec text,
 * policy and seed), which the member carries out with the very code of a local run and sends
 * back rendered. A run lost with its member is sent again, so a sweep's results do not depend
 * on which members lived.
 */
package dev.aiosim.cli.cluster;
