/**
 * DND Guard's adapter to the Camunda 7 engine: the plugin, the post BPMN parse listener and the
 * guarded behaviours. Every Camunda-internal class ({@code impl.*}, {@code pvm.*}) DND Guard uses
 * is used here (and in {@code engine.camunda.internal}) and nowhere else, so a port to another
 * Camunda 7 fork (Operaton, CIB seven) is this package's work. Hosts register its two plugins;
 * the rest is in the internal sub-package.
 */
package org.dndguard.engine.camunda;
