/**
 * Not supported API: DND Guard's DND rules: opt-out keywords, provider rules, address
 * normalisation, limits and quiet hours. Public only so that DND Guard's own packages can use it;
 * it may change in any release. A host uses the supported types listed in docs/host-application.md
 * ("The supported API").
 */
package org.dndguard.contact.internal;
