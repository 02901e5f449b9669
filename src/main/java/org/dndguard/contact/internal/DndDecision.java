package org.dndguard.contact.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dndguard.contact.DndChangeRefusedException;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndRecord;

/**
 * What the rules decided for one command on one contact: entries to add, entries to remove, and a
 * refusal. A decision with neither changes nothing (setting what is already set, say). A user's
 * clear is all or nothing: refused, it removes nothing. An opt-in may lift some entries and be
 * refused for the ones that stay; the store then applies what it lifted and audits the refusal.
 */
public record DndDecision(
    String contactId,
    DndCommand command,
    List<DndEntry> added,
    List<DndEntry> removed,
    Optional<DndChangeRefusedException> refusal) {

  public DndDecision {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }

  static DndDecision change(String contactId, DndCommand command, List<DndEntry> added, List<DndEntry> removed) {
    return new DndDecision(contactId, command, added, removed, Optional.empty());
  }

  static DndDecision refused(String contactId, DndCommand command, DndChangeRefusedException refusal) {
    return new DndDecision(contactId, command, List.of(), List.of(), Optional.of(refusal));
  }

  /** An opt-in that lifts what it may while other entries keep the channel blocked. */
  static DndDecision partlyRefused(String contactId, DndCommand command, List<DndEntry> removed,
      DndChangeRefusedException refusal) {
    return new DndDecision(contactId, command, List.of(), removed, Optional.of(refusal));
  }

  /** Whether the rules refused the command, or part of it (see {@link #changesSomething()}). */
  public boolean isRefused() {
    return refusal.isPresent();
  }

  public boolean changesSomething() {
    return !added.isEmpty() || !removed.isEmpty();
  }

  /** The record after this decision is applied to {@code before}. */
  public DndRecord applyTo(DndRecord before) {
    var entries = new ArrayList<>(before.entries());
    entries.removeIf(e -> removed.stream().anyMatch(r -> r.target() == e.target() && r.reason() == e.reason()));
    entries.addAll(added);
    return new DndRecord(before.contactId(), entries);
  }
}
