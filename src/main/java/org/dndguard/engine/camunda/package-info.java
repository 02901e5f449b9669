/**
 * DND Guard's adapter to the Camunda 7 engine: the plugin, the post BPMN parse listener and the
 * guarded behaviours, and the implementations of the interfaces through which the other packages ask
 * the engine ({@code ProcessInstanceContacts}, {@code EngineIdentity}, {@code EngineTransactions}).
 * Every Camunda-internal class DND Guard uses (the engine's {@code impl.*}, {@code pvm.*}, and the web
 * applications' {@code impl.*}) is used here (and in {@code engine.camunda.internal}) and nowhere else,
 * and no package but the auto-configuration, which plugs it in, imports this one; so a port to another
 * Camunda 7 fork (Operaton, CIB seven) is this package's work, plus the renamed imports of Camunda's
 * public API. Hosts register its two plugins; the rest is in the internal sub-package.
 */
package org.dndguard.engine.camunda;
