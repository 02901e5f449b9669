package org.dndguard.store;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndChangeRefusedException;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.DndStatus;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.contact.SmsKeyword;
import org.dndguard.contact.Source;
import org.dndguard.store.internal.AddressChange;
import org.dndguard.store.internal.ContactChange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's behaviour, run against H2 and against a real PostgreSQL by the subclasses: the same
 * test code for both.
 */
abstract class DndStoreContract {

  StoreFixture store;

  abstract DataSource newDatabase();

  @BeforeEach
  void freshDatabase() {
    store = new StoreFixture(newDatabase());
  }

  private Evidence ann() {
    return Evidence.user("ann", "asked on the phone", store.clock.instant());
  }

  private Evidence stop(String sid) {
    return Evidence.providerEvent(Source.TWILIO, sid, store.clock.instant()).message(sid).keyword("STOP").build();
  }

  private Evidence start(String sid) {
    return Evidence.providerEvent(Source.TWILIO, sid, store.clock.instant()).message(sid).keyword("START").build();
  }

  private Contact register(String id, String phone, String email) {
    return store.contacts.register(id, new ContactAddresses(phone, email, null, null, null), ann());
  }

  @Test
  void aRecognisedRepliesEvidenceIsKeptWholeOnTheEntryTheAddressAndTheTrail() {
    // a phrase longer than the old 32-character keyword column, and a long reply
    String reply = "Please remove me from your contact list, I have asked three times. " + "x".repeat(1400);
    Evidence evidence = Evidence.providerEvent(Source.TWILIO, "SM1", store.clock.instant()).message("SM1")
        .keyword("remove me from your contact list").note("inbound SMS phrase")
        .reply(new Evidence.Reply(reply, "en", SmsKeyword.Rule.PHRASE_LIST)).build();

    // an address no contact has yet keeps it, a contact who gets the address inherits it
    store.dnd.applyToAddress(AddressKind.PHONE, "+14155550100",
        new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, evidence));
    register("c-1", "+14155550100", null);

    DndRecord record = store.dnd.record("c-1");
    // inherited: the source says so, and the reply, match, language and rule come along
    assertThat(record.entry(DndTarget.SMS, DndReason.SMS_OPT_OUT)).get().satisfies(entry -> {
      assertThat(entry.evidence().source()).isEqualTo(Source.ADDRESS);
      assertThat(entry.evidence().keyword()).isEqualTo("remove me from your contact list");
      assertThat(entry.evidence().reply()).isEqualTo(evidence.reply());
      assertThat(entry.evidence().reply().text()).hasSize(reply.length());
    });
    assertThat(store.dnd.replay("c-1")).isEqualTo(record);
    assertThat(store.audit.addressHistory(AddressKind.PHONE, "+14155550100", 0, 10))
        .filteredOn(row -> row.action() == AuditAction.SET && row.contactId() == null).singleElement()
        .satisfies(row -> assertThat(row.evidence()).isEqualTo(evidence));
  }

  @Test
  void aUsersSetAndClearAreAuditedWithTheirEvidence() {
    register("c-1", "+14155550100", null);

    DndRecord afterSet = store.dnd.set("c-1", DndTarget.EMAIL, ann());
    store.clock.advance(Duration.ofMinutes(5));
    DndRecord afterClear = store.dnd.clear("c-1", DndTarget.EMAIL, Evidence.user("bob", store.clock.instant()));

    assertThat(afterSet.isBlocked(Channel.EMAIL)).isTrue();
    assertThat(afterClear.isBlocked(Channel.EMAIL)).isFalse();
    List<AuditRecord> history = store.dnd.history("c-1", 0, 10);
    assertThat(history).extracting(AuditRecord::action)
        .containsExactly(AuditAction.CLEARED, AuditAction.SET, AuditAction.ADDRESSES_CHANGED);
    AuditRecord set = history.get(1);
    assertThat(set.target()).isEqualTo(DndTarget.EMAIL);
    assertThat(set.reason()).isEqualTo(DndReason.MANUAL);
    assertThat(set.statusAfter()).isEqualTo(DndStatus.PARTIAL);
    assertThat(set.evidence().actor()).isEqualTo("ann");
    assertThat(set.evidence().note()).isEqualTo("asked on the phone");
    assertThat(set.evidence().receivedAt()).isEqualTo(store.clock.instant().minus(Duration.ofMinutes(5)));
    assertThat(history.get(0).evidence().actor()).isEqualTo("bob");
  }

  @Test
  void settingWhatIsAlreadySetWritesNoSecondAuditRow() {
    register("c-1", null, null);
    store.dnd.set("c-1", DndTarget.SMS, ann());
    long rows = store.rows("DND_AUDIT");

    store.dnd.set("c-1", DndTarget.SMS, Evidence.user("bob", store.clock.instant()));

    assertThat(store.rows("DND_AUDIT")).isEqualTo(rows);
    assertThat(store.dnd.record("c-1").entries()).singleElement()
        .satisfies(e -> assertThat(e.evidence().actor()).isEqualTo("ann"));
  }

  @Test
  void aRefusedClearChangesNothingAndIsAuditedEvenWhenTheCallerRollsBack() {
    register("c-42", "+14155550100", null);
    store.dnd.applyToAddress(AddressKind.PHONE, "+1 415 555 0100",
        new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, stop("SM1")));

    assertThatThrownBy(() -> store.transaction().executeWithoutResult(
            tx -> store.dnd.clear("c-42", DndTarget.SMS, ann())))
        .isInstanceOf(DndChangeRefusedException.class)
        .hasMessage("SMS DND for contact c-42 was set by the opt-out keyword STOP on 2026-11-27T08:00Z;"
            + " only the contact can lift it, by texting START");

    assertThat(store.dnd.record("c-42").isBlocked(Channel.SMS)).isTrue();
    // written again once the caller's connection is back in the pool
    AuditRecord refusal = awaitRefusal(store, "c-42");
    assertThat(refusal.reason()).isEqualTo(DndReason.SMS_OPT_OUT);
    assertThat(refusal.evidence().actor()).isEqualTo("ann");
    assertThat(refusal.message()).contains("only the contact can lift it, by texting START");
  }

  @Test
  void aRefusalNeedsNoSecondConnectionWhetherTheCallerOwnsTheTransactionOrNot() {
    // a pool of one: a second connection while the first is held would time out
    HikariConfig config = new HikariConfig();
    config.setDataSource(store.dataSource);
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(1000);
    try (HikariDataSource one = new HikariDataSource(config)) {
      StoreFixture pooled = new StoreFixture(one, DndSchema.migrate(store.dataSource));
      register("c-43", "+14155550143", null);
      pooled.dnd.applyToAddress(AddressKind.PHONE, "+1 415 555 0143",
          new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, stop("SM43")));

      // DND Guard's own transaction (the API's clear): the refusal commits before it is thrown
      assertThatThrownBy(() -> pooled.dnd.clear("c-43", DndTarget.SMS, ann()))
          .isInstanceOf(DndChangeRefusedException.class);
      assertThat(pooled.dnd.history("c-43", 0, 10)).filteredOn(row -> row.action() == AuditAction.REFUSED)
          .hasSize(1);
      // the caller's transaction, rolled back on the refusal (a workflow step that fails)
      assertThatThrownBy(() -> pooled.transaction().executeWithoutResult(
          tx -> pooled.dnd.clear("c-43", DndTarget.SMS, ann())))
          .isInstanceOf(DndChangeRefusedException.class);
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (pooled.dnd.history("c-43", 0, 10).stream().filter(row -> row.action() == AuditAction.REFUSED).count() < 2
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(pooled.dnd.history("c-43", 0, 10)).filteredOn(row -> row.action() == AuditAction.REFUSED)
          .hasSize(2);
      assertThat(pooled.dnd.record("c-43").isBlocked(Channel.SMS)).isTrue();
    }
  }

  private static AuditRecord awaitRefusal(StoreFixture store, String contactId) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<AuditRecord> newest = store.dnd.history(contactId, 0, 1);
      if (!newest.isEmpty() && newest.get(0).action() == AuditAction.REFUSED) {
        return newest.get(0);
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("No REFUSED row for " + contactId + " within 5 s");
  }

  @Test
  void anEventForASharedAddressSetsDndOnEveryContactWithIt() {
    register("c-1", null, "ann@example.com");
    register("c-2", null, "Ann@Example.com");
    register("c-3", null, "bob@example.com");
    Evidence complaint = Evidence.providerEvent(Source.MAILGUN, "ev-9", store.clock.instant()).message("msg-9").build();

    AddressChange change = store.dnd.applyToAddress(AddressKind.EMAIL, "ANN@example.com",
        new DndCommand.Set(DndTarget.EMAIL, DndReason.SPAM_COMPLAINT, complaint));

    assertThat(change.contacts()).extracting(ContactChange::contactId).containsExactly("c-1", "c-2");
    assertThat(store.dnd.isBlocked("c-1", Channel.EMAIL)).isTrue();
    assertThat(store.dnd.isBlocked("c-2", Channel.EMAIL)).isTrue();
    assertThat(store.dnd.isBlocked("c-3", Channel.EMAIL)).isFalse();
    assertThat(store.dnd.history("c-2", 0, 1).get(0).evidence().providerEventId()).isEqualTo("ev-9");
    assertThat(store.dnd.history("c-2", 0, 1).get(0).address()).isEqualTo("ann@example.com");
  }

  @Test
  void anOptOutFromAnUnknownNumberAppliesToTheContactThatLaterGetsIt() {
    AddressChange change = store.dnd.applyToAddress(AddressKind.PHONE, "+14155550100",
        new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, stop("SM1")));
    assertThat(change.contacts()).isEmpty();
    assertThat(change.changedSomething()).isTrue();

    register("c-later", "(415) 555-0100", null);

    DndRecord record = store.dnd.record("c-later");
    assertThat(record.isBlocked(Channel.SMS)).isTrue();
    assertThat(record.entries()).singleElement().satisfies(entry -> {
      assertThat(entry.reason()).isEqualTo(DndReason.SMS_OPT_OUT);
      assertThat(entry.evidence().source()).isEqualTo(Source.ADDRESS);
      assertThat(entry.evidence().keyword()).isEqualTo("STOP");
      assertThat(entry.evidence().note()).contains("+14155550100");
    });
    assertThatThrownBy(() -> store.dnd.clear("c-later", DndTarget.SMS, ann()))
        .isInstanceOf(DndChangeRefusedException.class);
  }

  @Test
  void startLiftsTheOptOutForTheContactsAndTheAddress() {
    register("c-1", "+14155550100", null);
    store.dnd.applyToAddress(AddressKind.PHONE, "+14155550100",
        new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, stop("SM1")));
    store.dnd.set("c-1", DndTarget.INBOUND_SMS, ann());

    store.dnd.applyToAddress(AddressKind.PHONE, "+14155550100", new DndCommand.OptIn(start("SM2")));
    register("c-2", "+14155550100", null);

    assertThat(store.dnd.isBlocked("c-1", Channel.SMS)).isFalse();
    assertThat(store.dnd.record("c-1").isActive(DndTarget.INBOUND_SMS)).as("START leaves inbound DND").isTrue();
    assertThat(store.dnd.isBlocked("c-2", Channel.SMS)).isFalse();
  }

  @Test
  void aStartThatCannotLiftAUsersSmsDndIsAuditedAsRefusedWithTheText() {
    register("c-1", "+14155550100", null);
    store.dnd.set("c-1", DndTarget.SMS, ann());

    AddressChange change = store.dnd.applyToAddress(AddressKind.PHONE, "+14155550100",
        new DndCommand.OptIn(start("SM2")));

    assertThat(change.contacts()).singleElement().satisfies(c -> assertThat(c.decision().isRefused()).isTrue());
    assertThat(store.dnd.isBlocked("c-1", Channel.SMS)).isTrue();
    AuditRecord refusal = store.dnd.history("c-1", 0, 1).get(0);
    assertThat(refusal.action()).isEqualTo(AuditAction.REFUSED);
    assertThat(refusal.target()).isEqualTo(DndTarget.SMS);
    assertThat(refusal.reason()).isEqualTo(DndReason.MANUAL);
    assertThat(refusal.address()).isEqualTo("+14155550100");
    assertThat(refusal.evidence().providerEventId()).isEqualTo("SM2");
    assertThat(refusal.evidence().keyword()).isEqualTo("START");
    assertThat(refusal.message()).isEqualTo("Contact c-1 texted START, but SMS stays in DND: SMS DND was set by"
        + " a user (ann) on 2026-11-27T08:00Z, which an opt-in does not lift; a user may clear it");
  }

  @Test
  void aStartUnderAllLiftsTheOptOutAndItsRefusalCommitsWithTheLift() {
    register("c-1", "+14155550100", null);
    store.dnd.set("c-1", DndTarget.ALL, ann());
    store.dnd.applyToAddress(AddressKind.PHONE, "+14155550100",
        new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, stop("SM1")));
    long rows = store.rows("DND_AUDIT");

    // the event's transaction rolls back (say, the webhook's node fails): neither lift nor refusal stays
    assertThatThrownBy(() -> store.transaction().executeWithoutResult(tx -> {
      store.dnd.applyToAddress(AddressKind.PHONE, "+14155550100", new DndCommand.OptIn(start("SM2")));
      throw new IllegalStateException("the node fails");
    })).hasMessage("the node fails");
    assertThat(store.rows("DND_AUDIT")).isEqualTo(rows);
    assertThat(store.dnd.record("c-1").entry(DndTarget.SMS, DndReason.SMS_OPT_OUT)).isPresent();

    store.dnd.applyToAddress(AddressKind.PHONE, "+14155550100", new DndCommand.OptIn(start("SM3")));

    DndRecord record = store.dnd.record("c-1");
    assertThat(record.entries()).extracting(e -> e.target() + "/" + e.reason()).containsExactly("ALL/MANUAL");
    List<AuditRecord> newest = store.dnd.history("c-1", 0, 2);
    assertThat(newest).extracting(AuditRecord::action).containsExactly(AuditAction.REFUSED, AuditAction.CLEARED);
    assertThat(newest.get(0).message()).startsWith("Contact c-1 texted START, but SMS stays in DND: ALL DND was set");
    assertThat(newest.get(0).statusAfter()).isEqualTo(DndStatus.ON);
    assertThat(newest).allSatisfy(row -> assertThat(row.evidence().providerEventId()).isEqualTo("SM3"));
    // the number itself is free again: a contact who gets it now inherits nothing
    register("c-2", "+14155550100", null);
    assertThat(store.dnd.isBlocked("c-2", Channel.SMS)).isFalse();
  }

  @Test
  void anOptInAppliedToOneContactThrowsItsRefusalAfterLiftingWhatItMay() {
    register("c-1", null, null);
    store.dnd.set("c-1", DndTarget.ALL, ann());
    store.dnd.apply("c-1", new DndCommand.Set(DndTarget.SMS, DndReason.CARRIER_TEMPORARY,
        Evidence.providerEvent(Source.TWILIO, "SM1", store.clock.instant()).message("SM1").code("30003").build()));

    assertThatThrownBy(() -> store.dnd.apply("c-1", new DndCommand.OptIn(start("SM2"))))
        .isInstanceOf(DndChangeRefusedException.class)
        .hasMessageStartingWith("Contact c-1 texted START, but SMS stays in DND: ALL DND was set by a user (ann)");

    assertThat(store.dnd.record("c-1").entries()).extracting(e -> e.target() + "/" + e.reason())
        .containsExactly("ALL/MANUAL");
    assertThat(store.dnd.history("c-1", 0, 2)).extracting(AuditRecord::action)
        .containsExactlyInAnyOrder(AuditAction.REFUSED, AuditAction.CLEARED);
  }

  @Test
  void registeringTheSameAddressAgainDoesNotReapplyAClearedOptOut() {
    register("c-1", null, "ann@example.com");
    store.dnd.applyToAddress(AddressKind.EMAIL, "ann@example.com", new DndCommand.Set(DndTarget.EMAIL,
        DndReason.EMAIL_BOUNCE,
        Evidence.providerEvent(Source.MAILGUN, "ev-1", store.clock.instant()).code("bounce").build()));
    store.dnd.clear("c-1", DndTarget.EMAIL, ann());

    register("c-1", null, "ann@example.com");

    assertThat(store.dnd.isBlocked("c-1", Channel.EMAIL)).isFalse();
  }

  @Test
  void changingAnAddressMovesTheContactInTheLookup() {
    register("c-1", "+14155550100", null);
    register("c-1", "+14155550199", null);

    assertThat(store.contacts.contactsWithAddress(AddressKind.PHONE, "+14155550100")).isEmpty();
    assertThat(store.contacts.contactsWithAddress(AddressKind.PHONE, "415-555-0199")).containsExactly("c-1");
    assertThat(store.contacts.get("c-1")).map(c -> c.addresses().phone()).contains("+14155550199");
  }

  @Test
  void anUnknownContactIsAnErrorNotAnEmptyRecord() {
    assertThatThrownBy(() -> store.dnd.record("nobody"))
        .isInstanceOf(ContactNotFoundException.class)
        .hasMessageContaining("Contact nobody is not registered");
    assertThatThrownBy(() -> store.dnd.set("nobody", DndTarget.SMS, ann()))
        .isInstanceOf(ContactNotFoundException.class);
    assertThat(store.dnd.findRecord("nobody")).isEmpty();
    assertThat(store.rows("DND_AUDIT")).isZero();
    assertThat(store.rows("DND_CONTACT")).isZero();
  }

  @Test
  void aRegisteredContactWithoutDndHasAnEmptyRecord() {
    register("c-1", null, null);

    assertThat(store.dnd.findRecord("c-1")).hasValueSatisfying(r -> {
      assertThat(r.entries()).isEmpty();
      assertThat(r.status()).isEqualTo(DndStatus.OFF);
    });
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    assertThatThrownBy(() -> register(" ", "+14155550100", null))
        .isInstanceOf(InvalidDndInputException.class).hasMessageContaining("contact id is blank");
    assertThatThrownBy(() -> register("c-1", "+1 415", null))
        .isInstanceOf(InvalidDndInputException.class).hasMessageContaining("not a valid phone number");
    assertThatThrownBy(() -> register("c-1", null, "ann-at-example.com"))
        .isInstanceOf(InvalidDndInputException.class).hasMessageContaining("not a valid e-mail address");
    assertThatThrownBy(() -> store.dnd.applyToAddress(AddressKind.PHONE, "call me",
            new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, stop("SM1"))))
        .isInstanceOf(InvalidDndInputException.class);

    assertThat(store.rows("DND_CONTACT")).isZero();
    assertThat(store.rows("DND_ADDRESS_ENTRY")).isZero();
    assertThat(store.rows("DND_AUDIT")).isZero();
  }

  @Test
  void everyChangePublishesAnEventWithTheStatusAfterIt() {
    register("c-1", null, null);
    for (DndTarget target : List.of(DndTarget.CALL, DndTarget.EMAIL, DndTarget.SMS, DndTarget.WHATSAPP,
        DndTarget.FACEBOOK)) {
      store.dnd.set("c-1", target, ann());
    }
    store.dnd.set("c-1", DndTarget.GMB, ann());

    DndChangedEvent last = store.changes().get(store.changes().size() - 1);
    assertThat(last.contactId()).isEqualTo("c-1");
    assertThat(last.target()).isEqualTo(DndTarget.GMB);
    assertThat(last.active()).isTrue();
    assertThat(last.reason()).isEqualTo(DndReason.MANUAL);
    assertThat(last.status()).isEqualTo(DndStatus.ON);
    assertThat(store.changes()).hasSize(6);
  }

  @Test
  void theAuditTrailReplaysToTheRecord() {
    register("c-1", "+14155550100", "ann@example.com");
    store.dnd.set("c-1", DndTarget.ALL, ann());
    store.dnd.applyToAddress(AddressKind.PHONE, "+14155550100",
        new DndCommand.Set(DndTarget.SMS, DndReason.CARRIER_TEMPORARY,
            Evidence.providerEvent(Source.TWILIO, "SM1", store.clock.instant()).message("SM1").code("30003").build()));
    store.dnd.set("c-1", DndTarget.SMS, ann());
    store.dnd.clear("c-1", DndTarget.ALL, ann());
    store.dnd.applyToAddress(AddressKind.PHONE, "+14155550100", new DndCommand.OptIn(start("SM2")));

    DndRecord record = store.dnd.record("c-1");
    assertThat(record.entries()).extracting(e -> e.target() + "/" + e.reason()).containsExactly("SMS/MANUAL");
    assertThat(store.dnd.replay("c-1").entries()).extracting(e -> e.target() + "/" + e.reason())
        .containsExactlyElementsOf(record.entries().stream().map(e -> e.target() + "/" + e.reason()).toList());
  }

  @Test
  void historyIsNewestFirstAndPaged() {
    register("c-1", null, null);
    for (DndTarget target : List.of(DndTarget.CALL, DndTarget.EMAIL, DndTarget.SMS)) {
      store.dnd.set("c-1", target, ann());
    }

    assertThat(store.dnd.history("c-1", 0, 2)).extracting(AuditRecord::target)
        .containsExactly(DndTarget.SMS, DndTarget.EMAIL);
    assertThat(store.dnd.history("c-1", 1, 2)).extracting(AuditRecord::target)
        .containsExactly(DndTarget.CALL, null);
    assertThat(store.audit.count("c-1")).isEqualTo(4);
  }

  @Test
  void theSchemaHasItsOwnHistoryTableAndMigratingAgainChangesNothing() {
    long migrations = store.rows("\"" + DndSchema.HISTORY_TABLE + "\"");

    DndSchema.migrate(store.dataSource);

    assertThat(migrations).isGreaterThanOrEqualTo(1);
    assertThat(store.rows("\"" + DndSchema.HISTORY_TABLE + "\"")).isEqualTo(migrations);
  }
}
