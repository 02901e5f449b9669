/**
 * Not supported API: DND Guard's HTTP layer: controllers, views, filters and problem details; its
 * API is the HTTP paths. Public only so that DND Guard's own packages can use it; it may change in
 * any release. A host uses the supported types listed in docs/host-application.md ("The supported
 * API").
 */
package org.dndguard.web.internal;
