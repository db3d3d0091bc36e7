/**
 * Agent processes, their programs and the system calls they issue (DESIGN.md §2): the kernel's
 * view of "what an agent does", independent of how agents are generated or replayed.
 */
package dev.aiosim.kernel.process;
