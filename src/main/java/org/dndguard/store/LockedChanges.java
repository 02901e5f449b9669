package org.dndguard.store;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.DndChangeRefusedException;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.internal.DndDecision;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.internal.DndRules;
import org.dndguard.contact.DndStatus;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.TopicEntry;
import org.dndguard.contact.TopicSubscriptions;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.internal.ContactChange;
import org.dndguard.store.internal.DndChangePublisher;
import org.dndguard.store.internal.DndRepository;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The writing half of {@link DndService}: inside a transaction that holds the row lock of the
 * contact (or of the address), it asks {@link DndRules} what a command does, stores the entries
 * that it adds and removes, audits each change and each refusal and publishes a
 * {@link DndChangedEvent} per change, all in that one transaction on its one connection (its
 * listeners each in a savepoint, so that none can roll the change back).
 */
final class LockedChanges {

  private final DndRepository repository;
  private final AuditTrail audit;
  private final DndChangePublisher events;
  private final RefusalAuditAfterRollback refusalsAfterRollback;
  private final Clock clock;

  LockedChanges(DndRepository repository, AuditTrail audit, DndChangePublisher events,
      PlatformTransactionManager transactions, Clock clock) {
    this.repository = repository;
    this.audit = audit;
    this.events = events;
    this.refusalsAfterRollback = new RefusalAuditAfterRollback(audit, transactions);
    this.clock = clock;
  }

  /**
   * Applies what the rules decided for the contact and audits their refusal. A refused clear
   * changes nothing; an opt-in that is refused for an entry that stays still lifts the others.
   *
   * @param kind the kind of address a provider's command named; null for a user's or workflow's
   * @param refusalThrown whether the refusal is thrown into a transaction the caller owns, which may
   *     roll back on it: the refusal row is then written again after that rollback, once the
   *     caller's connection is released (never a second connection while the first is held)
   */
  ContactChange applyToContact(String contactId, DndCommand command, AddressKind kind, String address,
      boolean refusalThrown) {
    DndRecord before = new DndRecord(contactId, repository.entries(contactId));
    DndDecision decision = DndRules.decide(before, command);
    DndRecord after = decision.applyTo(before);
    if (decision.changesSomething()) {
      for (DndEntry removed : decision.removed()) {
        repository.deleteEntry(contactId, removed);
        changed(contactId, kind, address, AuditAction.CLEARED, removed, after, command.evidence());
      }
      for (DndEntry added : decision.added()) {
        repository.insertEntry(contactId, added);
        changed(contactId, kind, address, AuditAction.SET, added, after, command.evidence());
      }
      repository.touchContact(contactId, clock.instant());
    }
    if (decision.isRefused()) {
      DndChangeRefusedException refusal = decision.refusal().get();
      AuditRecord row = new AuditRecord(null, contactId, kind, address, AuditAction.REFUSED, refusal.target(),
          refusal.reason(), after.status(), command.evidence(), refusal.getMessage(), clock.instant());
      audit.append(row);
      if (refusalThrown) {
        refusalsAfterRollback.keepIfRolledBack(row);
      }
    }
    return new ContactChange(contactId, decision, after);
  }

  private void changed(String contactId, AddressKind kind, String address, AuditAction action, DndEntry entry,
      DndRecord after, Evidence evidence) {
    audit.append(new AuditRecord(null, contactId, kind, address, action, entry.target(), entry.reason(),
        after.status(), evidence, null, clock.instant()));
    events.publish(DndChangedEvent.of(contactId, entry, after, evidence));
  }

  /**
   * Applies a provider's command to the opt-outs kept for the address itself, which a contact that
   * gets the address later inherits. Audited here only when no contact has the address yet.
   */
  DndDecision applyToAddress(AddressKind kind, String address, DndCommand command, boolean anyContactHasIt) {
    // the rules need a record; the address's opt-outs are one, under a placeholder id (an address
    // may be longer than a contact id may)
    DndRecord kept = new DndRecord("address", repository.addressEntries(kind, address));
    DndDecision decision = DndRules.decide(kept, command);
    for (DndEntry removed : decision.removed()) {
      repository.deleteAddressEntry(kind, address, removed);
      if (!anyContactHasIt) {
        audit.append(new AuditRecord(null, null, kind, address, AuditAction.CLEARED, removed.target(),
            removed.reason(), null, command.evidence(), "no contact has this address yet", clock.instant()));
      }
    }
    for (DndEntry added : decision.added()) {
      repository.insertAddressEntry(kind, address, added);
      if (!anyContactHasIt) {
        audit.append(new AuditRecord(null, null, kind, address, AuditAction.SET, added.target(), added.reason(),
            null, command.evidence(), "kept for the address; a contact who gets it inherits this DND",
            clock.instant()));
      }
    }
    return decision;
  }

  /**
   * Leaves ({@code leave}) or rejoins a topic; the change names the entry it adds or removes, or
   * none when it changes nothing.
   */
  TopicSubscriptions changeTopic(String contactId, boolean leave, Evidence evidence,
      Function<TopicSubscriptions, Optional<TopicEntry>> change) {
    TopicSubscriptions before = new TopicSubscriptions(contactId, repository.topicEntries(contactId));
    Optional<TopicEntry> changed = change.apply(before);
    if (changed.isEmpty()) {
      return before;
    }
    if (leave) {
      repository.insertTopicEntry(contactId, changed.get());
    } else {
      repository.deleteTopicEntry(contactId, changed.get().topic());
    }
    topicChanged(contactId, changed.get(), leave, evidence);
    return new TopicSubscriptions(contactId, repository.topicEntries(contactId));
  }

  /** Audits and publishes a topic the contact left ({@code active}) or rejoined. */
  private void topicChanged(String contactId, TopicEntry entry, boolean active, Evidence evidence) {
    DndStatus status = new DndRecord(contactId, repository.entries(contactId)).status();
    audit.append(new AuditRecord(null, contactId, null, null, active ? AuditAction.TOPIC_LEFT
        : AuditAction.TOPIC_REJOINED, null, entry.reason(), status, evidence,
        (active ? "left topic " : "rejoined topic ") + entry.topic(), clock.instant(), entry.topic()));
    events.publish(DndChangedEvent.ofTopic(contactId, entry, active, status, evidence));
    repository.touchContact(contactId, clock.instant());
  }
}
