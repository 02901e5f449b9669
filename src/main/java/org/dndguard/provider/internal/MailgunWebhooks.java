package org.dndguard.provider.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.internal.AddressNormalizer;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.contact.internal.ProviderRules;
import org.dndguard.contact.Source;
import org.dndguard.provider.internal.ProviderEventLog.EventKind;
import org.dndguard.store.internal.AddressChange;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.DndService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mailgun's event webhook: verifies the signature, refuses replays, and sets EMAIL DND on every
 * contact with the recipient address as {@link ProviderRules#mailgun} says. An event id is acted on
 * once; a token is accepted once; both are remembered in the database, in the transaction that acts
 * on the event.
 */
public class MailgunWebhooks {

  private static final Logger LOG = LoggerFactory.getLogger(MailgunWebhooks.class);
  private static final Duration FORGET_TOKENS_EVERY = Duration.ofMinutes(1);

  /** What the webhook did with an event. */
  public record Receipt(String eventId, String event, ProviderOutcome outcome) {
  }

  private final MailgunSignature signature;
  private final ProviderEventLog log;
  private final DndService dnd;
  private final ProviderAudit audit;
  private final AddressNormalizer addresses;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;
  private final AtomicReference<Instant> tokensForgotten = new AtomicReference<>(Instant.EPOCH);

  public MailgunWebhooks(MailgunSignature signature, ProviderEventLog log, DndService dnd, AuditTrail auditTrail,
      AddressNormalizer addresses, PlatformTransactionManager transactions) {
    this.signature = signature;
    this.log = log;
    this.dnd = dnd;
    this.audit = new ProviderAudit(dnd, auditTrail);
    this.addresses = addresses;
    this.transaction = new TransactionTemplate(transactions);
    // a key given twice would leave it to the parser which one counts: refuse such a body instead
    this.json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  }

  /**
   * Handles one webhook request body (JSON).
   *
   * @throws MalformedWebhookException when the body is not a Mailgun event
   * @throws WebhookSignatureException when the signature is missing, wrong, stale or replayed
   * @throws WebhookNotConfiguredException when no signing key is configured
   */
  public Receipt receive(byte[] body) {
    Instant receivedAt = dnd.clock().instant();
    JsonNode root = parse(body);
    JsonNode signed = root.path("signature");
    if (!signed.isObject()) {
      throw new WebhookSignatureException("signature", "The body has no signature object; Mailgun signs every"
          + " event with {\"timestamp\", \"token\", \"signature\"}, so this one is not from Mailgun");
    }
    String token = scalar(signed, "token");
    Instant signedAt = signature.verify(scalar(signed, "timestamp"), token, scalar(signed, "signature"));
    MailgunEvent event;
    String recipient;
    try {
      event = MailgunEvent.parse(root.get("event-data"));
      recipient = event.mayChangeDnd() ? recipient(event.recipient()) : null;
    } catch (MalformedWebhookException malformed) {
      // a signed request refused as malformed still spends its token: it cannot come back with other event data
      transaction.executeWithoutResult(tx -> log.rememberMailgunToken(token.trim(), signedAt, receivedAt));
      throw malformed;
    }
    Optional<DndReason> reason = ProviderRules.mailgun(event.event(), event.severity(), event.reason());

    Receipt receipt = transaction.execute(tx -> {
      if (!log.rememberMailgunToken(token.trim(), signedAt, receivedAt)) {
        throw new WebhookSignatureException("signature.token", "signature.token was used before: each Mailgun"
            + " signature is accepted once, so this request is a replay and was not acted on");
      }
      if (!event.mayChangeDnd()) {
        // deliveries, opens, clicks: nothing for DND to do, and nothing worth a record
        return new Receipt(event.id(), event.event(), ProviderOutcome.IGNORED);
      }
      if (!log.claim(Source.MAILGUN, event.id(), EventKind.MAILGUN_EVENT, AddressKind.EMAIL, recipient, receivedAt)) {
        return new Receipt(event.id(), event.event(), ProviderOutcome.DUPLICATE);
      }
      Evidence evidence = evidence(event, receivedAt);
      ProviderOutcome outcome;
      if (reason.isPresent()) {
        AddressChange change = dnd.applyToAddress(AddressKind.EMAIL, recipient,
            new DndCommand.Set(DndTarget.EMAIL, reason.get(), evidence));
        outcome = change.changedSomething() ? ProviderOutcome.DND_SET : ProviderOutcome.DND_ALREADY_SET;
      } else {
        audit.ignored(AddressKind.EMAIL, recipient, DndTarget.EMAIL, evidence, event.describe()
            + ": by the rules this sets no DND (only permanent bounces, unsubscribes and complaints do)");
        outcome = ProviderOutcome.IGNORED;
      }
      log.complete(Source.MAILGUN, event.id(), outcome, event.describe());
      return new Receipt(event.id(), event.event(), outcome);
    });
    forgetOldTokens(receivedAt);
    return receipt;
  }

  private JsonNode parse(byte[] body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedWebhookException("body", "The body is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")"));
    } catch (IOException e) {
      throw new MalformedWebhookException("body", "The body could not be read as JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new MalformedWebhookException("body", "The body is not a JSON object; Mailgun's event webhooks post"
          + " {\"signature\": {...}, \"event-data\": {...}}");
    }
    return root;
  }

  private String recipient(String raw) {
    try {
      return addresses.email(raw);
    } catch (InvalidDndInputException e) {
      throw new MalformedWebhookException("event-data.recipient", "event-data.recipient: " + e.getMessage());
    }
  }

  private static Evidence evidence(MailgunEvent event, Instant receivedAt) {
    String code = event.event().equals("failed") ? event.reason() : null;
    return Evidence.providerEvent(Source.MAILGUN, event.id(), receivedAt).actor(event.account())
        .message(event.messageId()).code(code).note(event.describe()).build();
  }

  private static String scalar(JsonNode parent, String name) {
    JsonNode node = parent.path(name);
    return node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  /**
   * Tokens signed before the window can no longer be replayed (the timestamp check refuses them),
   * so they are forgotten, at most once a minute per node and outside the event's transaction.
   */
  private void forgetOldTokens(Instant now) {
    Instant last = tokensForgotten.get();
    if (now.isBefore(last.plus(FORGET_TOKENS_EVERY)) || !tokensForgotten.compareAndSet(last, now)) {
      return;
    }
    try {
      // twice the window: a token stays remembered for as long as its timestamp could pass the check
      int forgotten = log.forgetMailgunTokensSignedBefore(now.minus(signature.window().multipliedBy(2)));
      if (forgotten > 0) {
        LOG.debug("Forgot {} Mailgun tokens older than the timestamp window", forgotten);
      }
    } catch (DataAccessException e) {
      LOG.warn("Could not forget old Mailgun tokens; will try again: {}", e.getMessage());
    }
  }
}
