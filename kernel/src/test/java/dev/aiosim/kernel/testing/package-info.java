/**
 * Test fixtures shared by every module's tests through the kernel's test jar
 * ({@code <type>test-jar</type>}): a queue policy with a pluggable decision rule, a provider that
 * registers it for registry-driven suites, and the parameter source those suites iterate over.
 */
package dev.aiosim.kernel.testing;
