package org.dndguard.store;

import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.dndguard.InternalApi;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.internal.AddressNormalizer;
import org.dndguard.contact.Channel;
import org.dndguard.contact.internal.ContactIds;
import org.dndguard.contact.DndChangeRefusedException;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.internal.DndDecision;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.internal.DndRules;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.TopicEntry;
import org.dndguard.contact.TopicSubscriptions;
import org.dndguard.contact.internal.Topics;
import org.dndguard.store.internal.AddressChange;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.internal.ContactChange;
import org.dndguard.store.internal.DndChangePublisher;
import org.dndguard.store.internal.DndRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way to read and change DND, used by the engine guard, the webhooks, the API and the
 * workflow actions alike. It asks {@link DndRules} what a change does and stores the result with
 * its audit rows in the caller's transaction (or a new one when there is none).
 *
 * <p>Every change of a contact locks the contact's row first, so concurrent changes to one contact
 * are serialised on every node of a cluster, and the audit trail's order is the order in which the
 * changes committed. Every change and every refusal is audited in the change's transaction, on its
 * one connection: no request or job needs a second connection while it holds one, so no pool size
 * of 2 or more can deadlock under any concurrency. A refusal thrown to a user or workflow stays on
 * record also when the caller's transaction rolls back on the exception: when DND Guard opened the
 * transaction, the refusal commits with it and is thrown after the commit; when the caller owns the
 * transaction and it rolls back, the row is written again once the caller's connection is released,
 * by {@link RefusalAuditAfterRollback}. A provider event's refusal (a START that cannot lift a user's
 * SMS DND) is not thrown, and its row commits with the event.
 */
public class DndService {

  private final DndRepository repository;
  private final AuditTrail audit;
  private final TransactionTemplate required;
  private final LockedChanges changes;
  private final AddressNormalizer addresses;
  private final Clock clock;
  // set once at wiring, before any request or step; volatile for the threads that read it later
  private volatile Predicate<String> firstUse = contactId -> false;

  /** A store whose changes are published to {@code events} only, with no handlers of DND Guard's own. */
  @InternalApi
  public DndService(DndTables tables, AuditTrail audit, ApplicationEventPublisher events,
      PlatformTransactionManager transactions, AddressNormalizer addresses, Clock clock) {
    this(tables, audit, new DndChangePublisher(events, List::of, transactions, Metrics.globalRegistry),
        transactions, addresses, clock);
  }

  /** @param events tells DND Guard's own handlers and the application's listeners of each change */
  @InternalApi
  public DndService(DndTables tables, AuditTrail audit, DndChangePublisher events,
      PlatformTransactionManager transactions, AddressNormalizer addresses, Clock clock) {
    this.repository = new DndRepository(tables);
    this.audit = audit;
    this.required = new TransactionTemplate(transactions);
    this.changes = new LockedChanges(repository, audit, events, transactions, clock);
    this.addresses = addresses;
    this.clock = clock;
  }

  public Clock clock() {
    return clock;
  }

  // --- reading ---

  /**
   * The contact's record.
   *
   * @throws ContactNotFoundException when the contact is not registered
   */
  public DndRecord record(String contactId) {
    return findRecord(contactId).orElseThrow(() -> new ContactNotFoundException(ContactIds.require(contactId)));
  }

  /**
   * The contact's record, read with one indexed query; empty when the contact is not registered
   * (and the contact directory, if any, does not know it).
   */
  public Optional<DndRecord> findRecord(String contactId) {
    String id = ContactIds.require(contactId);
    Optional<DndRecord> record = repository.entriesOfRegisteredContact(id).map(entries -> new DndRecord(id, entries));
    if (record.isPresent() || !firstUse.test(id)) {
      return record;
    }
    return repository.entriesOfRegisteredContact(id).map(entries -> new DndRecord(id, entries));
  }

  /**
   * Lets a contact DND Guard has not seen be registered when it is first read (from the host's
   * {@link ContactDirectory}, wired by {@link ContactService}).
   *
   * @param registrar registers the contact and answers true, or answers false when it cannot
   */
  void registerOnFirstUse(Predicate<String> registrar) {
    this.firstUse = Objects.requireNonNull(registrar, "registrar");
  }

  /**
   * Whether outbound messages on the channel are blocked for the contact.
   *
   * @throws ContactNotFoundException when the contact is not registered: DND Guard fails closed
   */
  public boolean isBlocked(String contactId, Channel channel) {
    return record(contactId).isBlocked(channel);
  }

  // --- changes by users and workflows ---

  /** Turns DND on for a target as a user or workflow (reason MANUAL). Setting it again changes nothing. */
  public DndRecord set(String contactId, DndTarget target, Evidence evidence) {
    return apply(contactId, new DndCommand.Set(target, DndReason.MANUAL, DndRules.requireUserOrWorkflow(evidence)));
  }

  /**
   * Turns DND off for a target as a user or workflow.
   *
   * @throws DndChangeRefusedException when an entry on the target may not be cleared by a user; the
   *     refusal is audited
   */
  public DndRecord clear(String contactId, DndTarget target, Evidence evidence) {
    return apply(contactId, new DndCommand.Clear(target, DndRules.requireUserOrWorkflow(evidence)));
  }

  /**
   * Applies a command to one registered contact.
   *
   * @throws ContactNotFoundException when the contact is not registered
   * @throws DndChangeRefusedException when the rules refuse it, or part of it; the refusal is
   *     audited. A user's clear is all or nothing, so a refused clear changes nothing; an opt-in
   *     refused for an entry that stays has lifted the others (in the caller's transaction, if any).
   */
  @InternalApi
  public DndRecord apply(String contactId, DndCommand command) {
    String id = ContactIds.require(contactId);
    // the caller's transaction, if any, may roll back on the refusal this throws; DND Guard's own commits first
    boolean callerOwnsTransaction = TransactionSynchronizationManager.isActualTransactionActive();
    ContactChange change = required.execute(tx -> {
      if (!repository.lockContact(id) && !(firstUse.test(id) && repository.lockContact(id))) {
        throw new ContactNotFoundException(id);
      }
      return changes.applyToContact(id, command, null, null, callerOwnsTransaction);
    });
    change.decision().refusal().ifPresent(refusal -> {
      throw refusal;
    });
    return change.after();
  }

  // --- topics ---

  /**
   * The topics the contact left.
   *
   * @throws ContactNotFoundException when the contact is not registered
   */
  public TopicSubscriptions topics(String contactId) {
    String id = ContactIds.require(contactId);
    if (!repository.contactExists(id)) {
      throw new ContactNotFoundException(id);
    }
    return new TopicSubscriptions(id, repository.topicEntries(id));
  }

  /**
   * The entry by which a registered contact left the topic; empty when it has not left it. One
   * indexed query, for the guard and the outbox.
   */
  public Optional<TopicEntry> leftTopic(String contactId, String topic) {
    return repository.topicEntry(ContactIds.require(contactId), Topics.require(topic));
  }

  /**
   * The contact leaves a topic on every channel, as a user or workflow (reason MANUAL). Leaving
   * it again changes nothing.
   */
  public TopicSubscriptions leaveTopic(String contactId, String topic, Evidence evidence) {
    return leaveTopic(contactId, topic, DndReason.MANUAL, DndRules.requireUserOrWorkflow(evidence));
  }

  /**
   * The contact leaves a topic with a reason: {@link DndReason#MANUAL}, or
   * {@link DndReason#EMAIL_UNSUBSCRIBE} for its own unsubscribe link. Audited as TOPIC_LEFT and
   * published as a {@link DndChangedEvent} with the topic; leaving it again changes nothing.
   */
  public TopicSubscriptions leaveTopic(String contactId, String topic, DndReason reason, Evidence evidence) {
    String name = Topics.require(topic);
    return changeTopic(ContactIds.require(contactId), true, evidence, before -> before.leave(name, reason, evidence));
  }

  /** Runs a topic change in a transaction that holds the contact's row lock. */
  private TopicSubscriptions changeTopic(String contactId, boolean leave, Evidence evidence,
      Function<TopicSubscriptions, Optional<TopicEntry>> change) {
    return required.execute(tx -> {
      if (!repository.lockContact(contactId)) {
        throw new ContactNotFoundException(contactId);
      }
      return changes.changeTopic(contactId, leave, evidence, change);
    });
  }

  /** The contact rejoins a topic it left, as a user or workflow; rejoining one it is in changes nothing. */
  public TopicSubscriptions rejoinTopic(String contactId, String topic, Evidence evidence) {
    String id = ContactIds.require(contactId);
    String name = Topics.require(topic);
    DndRules.requireUserOrWorkflow(evidence);
    return changeTopic(id, false, evidence, before -> before.rejoin(name));
  }

  // --- changes by provider events, which name an address ---

  /**
   * Applies a provider's command to an address: to every contact that has it and to the opt-outs
   * kept for the address itself, which a contact that gets the address later inherits.
   *
   * @param kind the kind of address
   * @param rawAddress the address as the provider sent it; it is normalised here
   * @param command a {@link DndCommand.Set} with a provider reason, or a {@link DndCommand.OptIn}
   */
  @InternalApi
  public AddressChange applyToAddress(AddressKind kind, String rawAddress, DndCommand command) {
    if (command instanceof DndCommand.Clear) {
      throw new IllegalArgumentException("Providers do not clear DND; only users do, per contact");
    }
    return applyToNormalizedAddress(kind, addresses.normalize(kind, rawAddress), command);
  }

  /**
   * Applies a provider's opt-out to an address exactly as sent, for a sender DND Guard cannot read
   * (a number libphonenumber cannot parse): an opt-out must never be lost. No contact has such an
   * address, so the DND is kept and audited for the address (at most 320 characters of it).
   */
  @InternalApi
  public AddressChange applyToVerbatimAddress(AddressKind kind, String verbatimAddress, DndCommand.Set command) {
    String address = verbatimAddress == null || verbatimAddress.isBlank() ? "(none)" : verbatimAddress.strip();
    return applyToNormalizedAddress(kind, address.length() <= 320 ? address : address.substring(0, 320), command);
  }

  private AddressChange applyToNormalizedAddress(AddressKind kind, String address, DndCommand command) {
    return required.execute(tx -> {
      repository.lockAddress(kind, address);
      List<String> contactIds = repository.contactsWithAddress(kind, address);
      DndDecision addressDecision = changes.applyToAddress(kind, address, command, !contactIds.isEmpty());
      List<ContactChange> changed = new ArrayList<>();
      for (String contactId : contactIds) {
        repository.lockContact(contactId);
        changed.add(changes.applyToContact(contactId, command, kind, address, false));
      }
      return new AddressChange(kind, address, addressDecision, changed);
    });
  }

  /** The contacts that have the address, which is normalised first. */
  public List<String> contactsWithAddress(AddressKind kind, String rawAddress) {
    return repository.contactsWithAddress(kind, addresses.normalize(kind, rawAddress));
  }

  // --- the audit trail ---

  /** The contact's audit trail, newest first. */
  public List<AuditRecord> history(String contactId, int page, int size) {
    return audit.history(ContactIds.require(contactId), page, size);
  }

  /**
   * The record the contact's audit trail replays to: every SET turns its entry on, every CLEARED
   * turns it off, in the order they committed. For a consistent store it equals {@link #record}.
   */
  public DndRecord replay(String contactId) {
    return audit.replay(ContactIds.require(contactId));
  }

  /**
   * Applies a command to a contact whose row the caller's transaction has locked; its refusal, if
   * any, joins that transaction (nothing throws it).
   */
  ContactChange applyLocked(String contactId, DndCommand command, AddressKind kind, String address) {
    return changes.applyToContact(contactId, command, kind, address, false);
  }

  // package-private access for ContactService
  DndRepository repository() {
    return repository;
  }

  AuditTrail audit() {
    return audit;
  }

  TransactionTemplate required() {
    return required;
  }
}
