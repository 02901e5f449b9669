/**
 * Not supported API: DND Guard's Camunda adapter: parse listener, guarded behaviours, job handlers
 * and commands. With {@code org.dndguard.engine.camunda} it is the only code that uses Camunda's
 * internal classes. Public only so that DND Guard's own packages can use it; it may change in any
 * release. A host uses the supported types listed in docs/host-application.md ("The supported API").
 */
package org.dndguard.engine.camunda.internal;
