/**
 * Not supported API: DND Guard's Cockpit plugin: its JAX-RS resources and views; its API is the
 * plugin's HTTP paths. Public only so that DND Guard's own packages can use it; it may change in
 * any release. A host uses the supported types listed in docs/host-application.md ("The supported
 * API").
 */
package org.dndguard.cockpit.internal;
