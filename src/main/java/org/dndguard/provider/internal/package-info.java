/**
 * Not supported API: DND Guard's provider webhooks: Mailgun and Twilio payloads, signatures and
 * event mapping; their API is the webhook paths. Public only so that DND Guard's own packages can
 * use it; it may change in any release. A host uses the supported types listed in
 * docs/host-application.md ("The supported API").
 */
package org.dndguard.provider.internal;
