/**
 * Not supported API: DND Guard's JDBC store: repositories, audit trail, reports, consent file,
 * retention. Public only so that DND Guard's own packages can use it; it may change in any release.
 * A host uses the supported types listed in docs/host-application.md ("The supported API").
 */
package org.dndguard.store.internal;
