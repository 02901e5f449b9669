package org.dndguard.contact.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dndguard.contact.DndChangeRefusedException;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;

/**
 * The rules of DND (DESIGN.md, "Rules"): what a command does to a contact's record, and what is
 * refused. Pure: it reads a record and a command and returns a decision; the store applies it.
 */
public final class DndRules {

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

  private DndRules() {
  }

  public static DndDecision decide(DndRecord record, DndCommand command) {
    // Java 17: no pattern matching in switch yet
    if (command instanceof DndCommand.Set set) {
      return decideSet(record, set);
    }
    if (command instanceof DndCommand.Clear clear) {
      return decideClear(record, clear);
    }
    return decideOptIn(record, (DndCommand.OptIn) command);
  }

  /** Setting adds an entry for the reason; the same target and reason again changes nothing. */
  private static DndDecision decideSet(DndRecord record, DndCommand.Set set) {
    if (record.entry(set.target(), set.reason()).isPresent()) {
      return DndDecision.change(record.contactId(), set, List.of(), List.of());
    }
    var entry = new DndEntry(set.target(), set.reason(), set.evidence().receivedAt(), set.evidence());
    return DndDecision.change(record.contactId(), set, List.of(entry), List.of());
  }

  /**
   * A user's clear removes every entry on the target, or none: when one of them may not be cleared
   * by a user (a spam complaint, an opt-out), the whole clear is refused and names that entry.
   */
  private static DndDecision decideClear(DndRecord record, DndCommand.Clear clear) {
    List<DndEntry> entries = record.entries(clear.target());
    for (DndEntry entry : entries) {
      if (!entry.userMayClear()) {
        return DndDecision.refused(record.contactId(), clear,
            new DndChangeRefusedException(record.contactId(), clear.target(), entry,
                refusalMessage(record.contactId(), entry)));
      }
    }
    return DndDecision.change(record.contactId(), clear, List.of(), entries);
  }

  /**
   * START lifts the SMS DND that the contact's texts and the carriers set, and the CALL DND that a
   * texted opt-out set under revoke-all ({@code dnd.keywords.revoke-all}); it leaves ALL, inbound
   * DND and a DND a user set. When SMS stays blocked by such an entry, the decision lifts what it
   * may and carries a refusal naming the entry that stays: the contact asked to hear from us again
   * and must not be told that they will.
   */
  private static DndDecision decideOptIn(DndRecord record, DndCommand.OptIn optIn) {
    List<DndEntry> lifted = new ArrayList<>();
    DndTarget target = optIn.target();
    for (DndEntry entry : record.entries(target)) {
      if (entry.reason().liftedByOptIn()) {
        lifted.add(entry);
      }
    }
    if (target == DndTarget.SMS) {
      // a texted opt-out under revoke-all also set CALL DND; the START that lifts it lifts both
      record.entry(DndTarget.CALL, DndReason.SMS_OPT_OUT).ifPresent(lifted::add);
    }
    DndDecision decision = DndDecision.change(record.contactId(), optIn, List.of(), lifted);
    Optional<DndEntry> stays = decision.applyTo(record).blockingEntry(target.channel().orElseThrow());
    if (stays.isEmpty()) {
      return decision;
    }
    return DndDecision.partlyRefused(record.contactId(), optIn, lifted,
        new DndChangeRefusedException(record.contactId(), target, stays.get(),
            optInRefusalMessage(record.contactId(), optIn, stays.get())));
  }

  /**
   * E.g. "Contact c-42 texted START, but SMS stays in DND: ALL DND was set by a user (ann) on
   * 2026-11-27T08:00Z, which an opt-in does not lift; a user may clear it".
   */
  private static String optInRefusalMessage(String contactId, DndCommand.OptIn optIn, DndEntry stays) {
    String keyword = optIn.evidence().keyword() == null ? "an opt-in keyword" : optIn.evidence().keyword();
    String sent = optIn.target() == DndTarget.WHATSAPP ? " sent " + keyword + " on WhatsApp" : " texted " + keyword;
    return "Contact " + contactId + sent + ", but " + optIn.target().displayName() + " stays in DND: "
        + stays.target().displayName() + " DND was set by " + stays.setBy() + " on " + MINUTES.format(stays.since())
        + ", which an opt-in does not lift; " + stays.reason().howToLift();
  }

  /**
   * E.g. "SMS DND for contact c-42 was set by the opt-out keyword STOP on 2026-11-27T08:00Z; only
   * the contact can lift it, by texting START".
   */
  public static String refusalMessage(String contactId, DndEntry entry) {
    return entry.target().displayName() + " DND for contact " + contactId + " was set by " + entry.setBy()
        + " on " + MINUTES.format(entry.since()) + "; " + entry.reason().howToLift();
  }

  /**
   * Only users and workflows set or clear DND by hand (reason MANUAL) and leave or rejoin topics;
   * providers' events name an address and go through the rules for it.
   *
   * @throws IllegalArgumentException for evidence from any other source
   */
  public static Evidence requireUserOrWorkflow(Evidence evidence) {
    if (evidence.source() != Source.USER && evidence.source() != Source.WORKFLOW) {
      throw new IllegalArgumentException("Only users and workflows set or clear DND by hand; "
          + evidence.source() + " events go through applyToAddress");
    }
    return evidence;
  }
}
