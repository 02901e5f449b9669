package org.dndguard.autoconfigure;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox, SMS compliance text and dispatch, under {@code dnd.messaging}.
 *
 * @param smsOptOutText the opt-out instruction added to SMS
 */
public record MessagingProperties(@DefaultValue("Reply STOP to unsubscribe.") String smsOptOutText) {
}
