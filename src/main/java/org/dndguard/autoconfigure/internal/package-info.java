/**
 * Not supported API: DND Guard's start-up helpers of the auto-configuration (the host's Flyway, the
 * warning when DND Guard is off). Public only so that DND Guard's own packages can use it; it may
 * change in any release. A host uses the supported types listed in docs/host-application.md ("The
 * supported API").
 */
package org.dndguard.autoconfigure.internal;
