package org.dndguard.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DND Guard's configuration, under the prefix {@value #PREFIX}. Every property has a default; the
 * configuration guide (docs/configuration.md) lists them all.
 *
 * @param enabled whether DND Guard is on; off, it adds nothing to the application: no engine plugin
 *     (marked steps run unchecked), no bean, no endpoint, no migration
 * @param contactVariable the process variable that holds a workflow's contact id; when it is not
 *     set, the business key is the contact id
 * @param defaultRegion the ISO 3166 region in which phone numbers without a country code are read
 * @param webhooks the provider webhooks ({@code dnd.webhooks.*})
 * @param keywords what counts as an opt-out in a contact's reply, and revoke-all ({@code dnd.keywords.*})
 * @param workflows the workflow actions ({@code dnd.workflows.*})
 * @param messaging the outbox and dispatch ({@code dnd.messaging.*})
 * @param quietHours the channels' daily windows in the contact's time zone ({@code dnd.quiet-hours.*})
 * @param unsubscribe one-click unsubscribe links in outbox e-mail ({@code dnd.unsubscribe.*})
 * @param api the HTTP API: its base path and switch ({@code dnd.api.*})
 * @param authorization the Camunda groups that may read, change DND and remove workflows
 *     ({@code dnd.authorization.*})
 * @param schema whether DND Guard migrates its tables itself ({@code dnd.schema.*})
 * @param retention how long audit rows, provider events, skip records and outbox messages are kept
 *     ({@code dnd.retention.*})
 * @param limits communication limits: how often a contact may be reached ({@code dnd.limits.*})
 */
@ConfigurationProperties(DndProperties.PREFIX)
public record DndProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("contactId") String contactVariable,
    @DefaultValue("US") String defaultRegion,
    @DefaultValue @NestedConfigurationProperty WebhookProperties webhooks,
    @DefaultValue @NestedConfigurationProperty KeywordProperties keywords,
    @DefaultValue @NestedConfigurationProperty WorkflowProperties workflows,
    @DefaultValue @NestedConfigurationProperty MessagingProperties messaging,
    @DefaultValue @NestedConfigurationProperty QuietHoursProperties quietHours,
    @DefaultValue @NestedConfigurationProperty UnsubscribeProperties unsubscribe,
    @DefaultValue @NestedConfigurationProperty ApiProperties api,
    @DefaultValue @NestedConfigurationProperty AuthorizationProperties authorization,
    @DefaultValue @NestedConfigurationProperty SchemaProperties schema,
    @DefaultValue @NestedConfigurationProperty RetentionProperties retention,
    @DefaultValue @NestedConfigurationProperty LimitsProperties limits) {

  public static final String PREFIX = "dnd";

  public DndProperties {
    // providers and recipients follow links to this application: they must name its public address
    if (webhooks != null) {
      webhooks.requirePublicBaseUrl(messaging, unsubscribe);
    }
  }
}
