package org.dndguard.messaging;

import java.time.Instant;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndReason;

/**
 * A message in the outbox, as stored.
 *
 * @param id the outbox id
 * @param contactId the contact it is for
 * @param channel the channel it goes out on
 * @param recipient the contact's address for the channel when it was queued (normalised)
 * @param subject the subject (e-mail), or null
 * @param body the final body, with the SMS compliance text when it was added
 * @param encoding SMS only: how the body is encoded
 * @param segments SMS only: how many segments the body takes
 * @param compliance what the SMS compliance rule did
 * @param origin a workflow step or a user
 * @param actor the user who queued it, for manual messages
 * @param processInstanceId the process instance whose step queued it
 * @param activityId the step (BPMN element id) that queued it
 * @param status where it stands
 * @param attempts how many times it was handed to a provider
 * @param nextAttemptAt when it is due (again)
 * @param provider the dispatcher that sent it, e.g. {@code twilio}, {@code mailgun}, {@code log}
 * @param providerMessageId the provider's id for it (Twilio's MessageSid, Mailgun's message id)
 * @param dndReason for a message blocked by DND, the reason of the entry that blocked it
 * @param detail why it was blocked or failed, or the last failed attempt's error
 * @param createdAt when it was queued
 * @param updatedAt when its row last changed
 * @param sentAt when the provider accepted it
 * @param topic the topic the message is about, or null
 * @param heldUntil when quiet hours or a communication limit held the message: when it is due; else null
 * @param limit how the communication limits treat it
 */
public record OutboxMessage(
    long id,
    String contactId,
    Channel channel,
    String recipient,
    String subject,
    String body,
    SmsEncoding encoding,
    Integer segments,
    ComplianceOutcome compliance,
    MessageOrigin origin,
    String actor,
    String processInstanceId,
    String activityId,
    MessageStatus status,
    int attempts,
    Instant nextAttemptAt,
    String provider,
    String providerMessageId,
    DndReason dndReason,
    String detail,
    Instant createdAt,
    Instant updatedAt,
    Instant sentAt,
    String topic,
    Instant heldUntil,
    MessageLimit limit) {
}
