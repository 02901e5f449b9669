package org.dndguard.messaging.internal;

import java.time.Clock;
import java.util.Objects;
import org.dndguard.contact.Channel;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.messaging.Outbox;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.store.DndService;

/**
 * What a one-click unsubscribe link does: from the message's topic when it had one, else the
 * contact's e-mail goes into DND with reason {@link DndReason#EMAIL_UNSUBSCRIBE}; the message is
 * the evidence. Doing it twice changes nothing the second time.
 */
public class Unsubscribes {

  private final Outbox outbox;
  private final UnsubscribeLinks links;
  private final DndService dnd;
  private final Clock clock;

  public Unsubscribes(Outbox outbox, UnsubscribeLinks links, DndService dnd, Clock clock) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.links = Objects.requireNonNull(links, "links");
    this.dnd = Objects.requireNonNull(dnd, "dnd");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The e-mail a token belongs to; reading changes nothing.
   *
   * @throws UnknownUnsubscribeLinkException when the token names no e-mail of the outbox, or was altered
   */
  public OutboxMessage message(String token) {
    UnknownUnsubscribeLinkException unknown = new UnknownUnsubscribeLinkException();
    OutboxMessage message = UnsubscribeLinks.messageId(token).flatMap(outbox::find).orElseThrow(() -> unknown);
    if (message.channel() != Channel.EMAIL || !links.matches(token, message)) {
      throw unknown;
    }
    return message;
  }

  /**
   * Unsubscribes the contact of the e-mail the token belongs to.
   *
   * @return the message it was unsubscribed from
   * @throws UnknownUnsubscribeLinkException when the token is unknown or altered; nothing changes
   */
  public OutboxMessage unsubscribe(String token) {
    OutboxMessage message = message(token);
    Evidence evidence = Evidence.builder(Source.UNSUBSCRIBE_LINK, clock.instant()).actor(message.contactId())
        .providerEvent(message.providerMessageId()).message(String.valueOf(message.id()))
        .note("one-click unsubscribe (RFC 8058) from outbox e-mail " + message.id()).build();
    if (message.topic() != null) {
      dnd.leaveTopic(message.contactId(), message.topic(), DndReason.EMAIL_UNSUBSCRIBE, evidence);
    } else {
      dnd.apply(message.contactId(), new DndCommand.Set(DndTarget.EMAIL, DndReason.EMAIL_UNSUBSCRIBE, evidence));
    }
    return message;
  }

  /** The token names no e-mail of the outbox, or was altered. */
  public static class UnknownUnsubscribeLinkException extends RuntimeException {
    public UnknownUnsubscribeLinkException() {
      super("This unsubscribe link is not one we sent, or it was altered; use the link from the e-mail as it"
          + " arrived, or reply to the e-mail to be unsubscribed");
    }
  }
}
