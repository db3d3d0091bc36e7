/** JMH microbenchmarks of the kernel's hot structures, each beside its baseline. */
package dev.aiosim.bench.jmh;
