/**
 * Policies as plug-ins: scheduling policies compiled in a researcher's own project against the
 * kernel's scheduler SPI and loaded from jars named with {@code --policy-path}, without
 * rebuilding aiosim (see docs/policies.md).
 */
package dev.aiosim.cli.plugin;
