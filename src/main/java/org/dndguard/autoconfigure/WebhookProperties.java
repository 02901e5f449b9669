package org.dndguard.autoconfigure;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The provider webhooks, under {@code dnd.webhooks}.
 *
 * @param publicBaseUrl the URL at which providers reach this application, e.g.
 *     {@code https://dnd.example.com}; Twilio signs the full public URL, so behind a proxy this
 *     must be the proxy's address
 */
public record WebhookProperties(@DefaultValue("http://localhost:8080") String publicBaseUrl) {
}
