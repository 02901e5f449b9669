package org.dndguard.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DND Guard's configuration, under the prefix {@value #PREFIX}. Every property has a default; the
 * configuration guide (docs/configuration.md) lists them all.
 *
 * @param enabled whether DND Guard guards communication steps in the process engine
 * @param contactVariable the process variable that holds a workflow's contact id; when it is not
 *     set, the business key is the contact id
 * @param defaultRegion the ISO 3166 region in which phone numbers without a country code are read
 * @param webhooks the provider webhooks ({@code dnd.webhooks.*})
 * @param workflows the workflow actions ({@code dnd.workflows.*})
 * @param messaging the outbox and dispatch ({@code dnd.messaging.*})
 * @param quietHours the channels' daily windows in the contact's time zone ({@code dnd.quiet-hours.*})
 * @param unsubscribe one-click unsubscribe links in outbox e-mail ({@code dnd.unsubscribe.*})
 */
@ConfigurationProperties(DndProperties.PREFIX)
public record DndProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("contactId") String contactVariable,
    @DefaultValue("US") String defaultRegion,
    @DefaultValue WebhookProperties webhooks,
    @DefaultValue WorkflowProperties workflows,
    @DefaultValue MessagingProperties messaging,
    @DefaultValue QuietHoursProperties quietHours,
    @DefaultValue UnsubscribeProperties unsubscribe) {

  public static final String PREFIX = "dnd";
}
