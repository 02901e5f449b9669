package org.dndguard.contact;

import java.util.List;
import java.util.Optional;

/**
 * What the rules decided for one command on one contact: entries to add, entries to remove, or a
 * refusal. A decision with neither changes nothing (setting what is already set, say).
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

  public boolean isRefused() {
    return refusal.isPresent();
  }

  public boolean changesSomething() {
    return !added.isEmpty() || !removed.isEmpty();
  }

  /** The record after this decision is applied to {@code before}. */
  public DndRecord applyTo(DndRecord before) {
    var entries = new java.util.ArrayList<>(before.entries());
    entries.removeIf(e -> removed.stream().anyMatch(r -> r.target() == e.target() && r.reason() == e.reason()));
    entries.addAll(added);
    return new DndRecord(before.contactId(), entries);
  }
}
