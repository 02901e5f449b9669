/**
 * DND Guard's adapter to the Camunda 7 engine: the plugin, the post BPMN parse listener and the
 * guarded behaviours. Every Camunda-internal class ({@code impl.*}, {@code pvm.*}) DND Guard uses
 * is used here and nowhere else, so a port to another Camunda 7 fork (Operaton, CIB seven) is this
 * package's work.
 */
package org.dndguard.engine.camunda;
