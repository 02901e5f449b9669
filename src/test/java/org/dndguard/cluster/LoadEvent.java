package org.dndguard.cluster;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dndguard.cluster.ClusterFixture.TestContact;

/**
 * One DND event of the load test, as a provider or an operator sends it: texts, carrier errors and
 * Mailgun events by webhook, a user's changes by the API. Events of one contact go to either node.
 */
record LoadEvent(Kind kind, TestContact contact, int node) {

  /** The kinds, with how many of every hundred events of a {@link #plan} are of each. */
  enum Kind {
    STOP(25), START(25), REPLY(0), CARRIER_ERROR(10), UNSUBSCRIBED(12), BOUNCED(6), USER_CLEARS_EMAIL(12), USER_SETS_ALL(5),
    USER_CLEARS_ALL(5);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  /** Events of random kinds for random contacts, sent alternately to the two nodes. */
  static List<LoadEvent> plan(List<TestContact> contacts, int count, Random random) {
    List<Kind> kinds = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (int i = 0; i < kind.weight; i++) {
        kinds.add(kind);
      }
    }
    List<LoadEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(new LoadEvent(kinds.get(random.nextInt(kinds.size())), contacts.get(random.nextInt(contacts.size())),
          i % 2));
    }
    return events;
  }

  HttpResponse<String> sendTo(ClusterNode node) {
    return switch (kind) {
      case STOP -> node.twilio(ProviderEvents.TWILIO_SMS, ProviderEvents.inboundSms(contact.phone(), "STOP"));
      case START -> node.twilio(ProviderEvents.TWILIO_SMS, ProviderEvents.inboundSms(contact.phone(), "START"));
      case REPLY -> node.twilio(ProviderEvents.TWILIO_SMS, ProviderEvents.inboundSms(contact.phone(), "See you then"));
      case CARRIER_ERROR -> node.twilio(ProviderEvents.TWILIO_STATUS, ProviderEvents.undelivered(contact.phone(),
          "30003"));
      case UNSUBSCRIBED -> node.mailgun(ProviderEvents.mailgun("unsubscribed", contact.email()), Instant.now(),
          ProviderEvents.token());
      case BOUNCED -> node.mailgun(ProviderEvents.mailgunFailure("bounce", contact.email()), Instant.now(),
          ProviderEvents.token());
      case USER_CLEARS_EMAIL -> node.api("DELETE", channel("EMAIL"), null);
      case USER_SETS_ALL -> node.api("PUT", channel("ALL"), null);
      case USER_CLEARS_ALL -> node.api("DELETE", channel("ALL"), null);
    };
  }

  private String channel(String channel) {
    return "/api/contacts/" + contact.id() + "/dnd/channels/" + channel;
  }
}
