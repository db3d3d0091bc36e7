/** Round-robin: a quantum in tokens or time; on expiry with others waiting, snapshot and requeue at the tail. */
package dev.aiosim.schedulers.rr;
