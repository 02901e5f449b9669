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
 */
public record MessageRequest(String contactId, Channel channel, String subject, String body, MessageOrigin origin,
    String actor, String processInstanceId, String activityId) {

  public MessageRequest {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(origin, "origin");
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
