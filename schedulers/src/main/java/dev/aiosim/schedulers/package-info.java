/**
 * Scheduling policies behind the kernel's Scheduler SPI, one package per policy, each registered
 * by name through {@code META-INF/services/dev.aiosim.kernel.scheduler.SchedulerProvider}.
 */
package dev.aiosim.schedulers;
