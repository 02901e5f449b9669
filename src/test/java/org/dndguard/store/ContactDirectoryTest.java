package org.dndguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.internal.AddressNormalizer;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

/** Contacts from the host's CRM: registered from a {@link ContactDirectory} on first use. */
class ContactDirectoryTest {

  private static final String PHONE = "+14155550177";

  private final StoreFixture store = new StoreFixture(TestDatabases.h2());
  private final AtomicInteger asked = new AtomicInteger();

  /** The host's CRM: it knows crm-1 and crm-2 (who share a phone number), and nobody else. */
  private final ContactDirectory crm = contactId -> {
    asked.incrementAndGet();
    return Optional.ofNullable(Map.of(
        "crm-1", new ContactAddresses("(415) 555-0177", "ann@example.com", null, null, null),
        "crm-2", new ContactAddresses(PHONE, null, null, null, null)).get(contactId));
  };

  private ContactService withDirectory(ContactDirectory directory) {
    return new ContactService(store.dnd, new AddressNormalizer("US"), directory);
  }

  @Test
  void anUnseenContactIsRegisteredFromTheDirectoryOnFirstReadWithAnAuditRow() {
    ContactService contacts = withDirectory(crm);

    Optional<org.dndguard.contact.DndRecord> record = store.dnd.findRecord("crm-1");

    assertThat(record).isPresent();
    assertThat(contacts.get("crm-1")).get().satisfies(contact ->
        assertThat(contact.addresses().phone()).isEqualTo(PHONE));
    AuditRecord registered = store.dnd.history("crm-1", 0, 10).get(0);
    assertThat(registered.action()).isEqualTo(AuditAction.ADDRESSES_CHANGED);
    assertThat(registered.evidence().source()).isEqualTo(Source.DIRECTORY);
    // seen once, asked once: later reads are DND Guard's own
    store.dnd.findRecord("crm-1");
    contacts.find("crm-1");
    assertThat(asked).hasValue(1);
  }

  @Test
  void itInheritsTheOptOutsKeptForItsAddressesAsARegisteredContactWould() {
    withDirectory(crm);
    // a STOP from the number before DND Guard knew anyone with it
    store.dnd.applyToAddress(AddressKind.PHONE, PHONE, new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT,
        Evidence.providerEvent(Source.TWILIO, "SM1", store.clock.instant()).actor("AC1").keyword("STOP").build()));

    assertThat(store.dnd.isBlocked("crm-2", Channel.SMS)).isTrue();
    assertThat(store.dnd.isBlocked("crm-2", Channel.EMAIL)).isFalse();
  }

  @Test
  void aChangeToAnUnseenContactRegistersItFirst() {
    withDirectory(crm);

    ContactService contacts = withDirectory(crm);

    store.dnd.set("crm-1", DndTarget.EMAIL, Evidence.user("ann", store.clock.instant()));

    assertThat(store.dnd.record("crm-1").isBlocked(Channel.EMAIL)).isTrue();
    // registered from the directory before the change, with the directory's addresses, asked once
    List<AuditRecord> history = store.dnd.history("crm-1", 0, 10);
    assertThat(history).extracting(AuditRecord::action)
        .containsExactly(AuditAction.SET, AuditAction.ADDRESSES_CHANGED);
    assertThat(history.get(1).evidence().source()).isEqualTo(Source.DIRECTORY);
    assertThat(contacts.get("crm-1")).get().satisfies(contact -> {
      assertThat(contact.addresses().phone()).isEqualTo(PHONE);
      assertThat(contact.addresses().email()).isEqualTo("ann@example.com");
    });
    assertThat(asked).hasValue(1);
  }

  @Test
  void aContactTheDirectoryDoesNotKnowStillFailsClosed() {
    ContactService contacts = withDirectory(crm);

    assertThat(store.dnd.findRecord("stranger")).isEmpty();
    assertThat(contacts.find("stranger")).isEmpty();
    assertThatThrownBy(() -> store.dnd.isBlocked("stranger", Channel.SMS)).isInstanceOf(ContactNotFoundException.class);
    assertThat(store.rows("DND_CONTACT")).isZero();
  }

  @Test
  void aDirectoryThatCannotAnswerFailsClosedAndRegistersNothing() {
    withDirectory(contactId -> {
      throw new IllegalStateException("the CRM is down");
    });

    assertThatThrownBy(() -> store.dnd.isBlocked("crm-1", Channel.SMS)).hasMessage("the CRM is down");
    assertThat(store.rows("DND_CONTACT")).isZero();
  }

  @Test
  void withoutADirectoryAnUnknownContactFailsClosedAsBefore() {
    assertThat(store.dnd.findRecord("crm-1")).isEmpty();
    assertThat(store.contacts.find("crm-1")).isEmpty();
  }
}
