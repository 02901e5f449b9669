/**
 * Not supported API: DND Guard's guard core: the step check, its metrics and the durable
 * deliveries. Public only so that DND Guard's own packages can use it; it may change in any
 * release. A host uses the supported types listed in docs/host-application.md ("The supported
 * API").
 */
package org.dndguard.engine.internal;
