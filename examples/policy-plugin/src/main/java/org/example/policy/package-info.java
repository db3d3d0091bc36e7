/**
 * An example aiosim scheduling policy shipped as a plug-in jar: shortest prompt first. It shows
 * the whole scheduler SPI a plug-in needs (a {@code SchedulerProvider} with its
 * {@code PolicyInfo}, a {@code Scheduler}, and the {@code META-INF/services} file).
 */
package org.example.policy;
