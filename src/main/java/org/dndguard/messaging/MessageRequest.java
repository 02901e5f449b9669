package org.dndguard.messaging;

import java.util.Objects;
import org.dndguard.contact.Channel;

/**
 * A message to queue, before the outbox has checked it, found the recipient and applied the SMS
 * compliance text.
 *
 * @param contactId the contact it is for
 * @param channel the channel it goes out on
 * @param subject the subject, required for e-mail and ignored by the other channels
 * @param body the body as written
 * @param origin a workflow step or a user
 * @param actor the user who queues it; null for workflow steps
 * @param processInstanceId the process instance whose step queues it; null for manual messages
 * @param activityId the BPMN element that queues it; null for manual messages
 * @param topic the topic the message is about, or null; a contact that left it does not get it
 * @param ignoreQuietHours whether the message goes out in quiet hours too (a step marked
 *     {@code dnd.quietHours=ignore}); otherwise the outbox holds it until the window opens
 * @param limit how the communication limits treat it; null for {@link MessageLimit#LIMITED}
 * @param overrideReason for {@link MessageLimit#OVERRIDDEN}: why the operator sends it over a full
 *     limit (audited); else null
 */
public record MessageRequest(String contactId, Channel channel, String subject, String body, MessageOrigin origin,
    String actor, String processInstanceId, String activityId, String topic, boolean ignoreQuietHours,
    MessageLimit limit, String overrideReason) {

  public MessageRequest {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(origin, "origin");
    limit = limit == null ? MessageLimit.LIMITED : limit;
  }

  /** A message the limits count and hold. */
  public MessageRequest(String contactId, Channel channel, String subject, String body, MessageOrigin origin,
      String actor, String processInstanceId, String activityId, String topic, boolean ignoreQuietHours) {
    this(contactId, channel, subject, body, origin, actor, processInstanceId, activityId, topic, ignoreQuietHours,
        MessageLimit.LIMITED, null);
  }

  /** A message about no topic, held in quiet hours. */
  public MessageRequest(String contactId, Channel channel, String subject, String body, MessageOrigin origin,
      String actor, String processInstanceId, String activityId) {
    this(contactId, channel, subject, body, origin, actor, processInstanceId, activityId, null, false);
  }

  /** The same message about a topic (null for none). */
  public MessageRequest withTopic(String newTopic) {
    return new MessageRequest(contactId, channel, subject, body, origin, actor, processInstanceId, activityId,
        newTopic, ignoreQuietHours, limit, overrideReason);
  }

  /** The same message, sent in quiet hours too. */
  public MessageRequest ignoringQuietHours() {
    return new MessageRequest(contactId, channel, subject, body, origin, actor, processInstanceId, activityId, topic,
        true, limit, overrideReason);
  }

  /** The same message, treated by the communication limits as {@code newLimit} says. */
  public MessageRequest withLimit(MessageLimit newLimit) {
    return new MessageRequest(contactId, channel, subject, body, origin, actor, processInstanceId, activityId, topic,
        ignoreQuietHours, newLimit, null);
  }

  /**
   * The same message, sent by the operator over a full communication limit for the reason given:
   * counted, never held, audited ({@code LIMIT_OVERRIDDEN}).
   */
  public MessageRequest overridingLimit(String reason) {
    return new MessageRequest(contactId, channel, subject, body, origin, actor, processInstanceId, activityId, topic,
        ignoreQuietHours, MessageLimit.OVERRIDDEN, reason);
  }

  /** A message that a communication step of a workflow queues. */
  public static MessageRequest fromWorkflow(String contactId, Channel channel, String subject, String body,
      String processInstanceId, String activityId) {
    return new MessageRequest(contactId, channel, subject, body, MessageOrigin.WORKFLOW, null, processInstanceId,
        activityId);
  }

  /** A message that a user sends by hand. */
  public static MessageRequest manual(String contactId, Channel channel, String subject, String body, String actor) {
    return new MessageRequest(contactId, channel, subject, body, MessageOrigin.MANUAL, actor, null, null);
  }
}
