/**
 * AIOS's access manager: which group may read or write which agents' memory and storage, and
 * call which tools; everything else is denied before it is served.
 */
package dev.aiosim.kernel.access;
