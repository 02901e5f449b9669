package org.dndguard.contact;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.dndguard.contact.internal.ContactIds;

/**
 * A contact's DND as it stands: every active entry. Everything a caller wants to know, whether a
 * channel is blocked, why, and the overall status, is derived from the entries.
 */
public record DndRecord(String contactId, List<DndEntry> entries) {

  private static final Comparator<DndEntry> ORDER =
      Comparator.comparing(DndEntry::target).thenComparing(DndEntry::reason);

  public DndRecord {
    contactId = ContactIds.require(contactId);
    entries = entries.stream().sorted(ORDER).toList();
  }

  public static DndRecord empty(String contactId) {
    return new DndRecord(contactId, List.of());
  }

  /** Whether outbound messages on the channel are blocked, by the channel's own entries or ALL. */
  public boolean isBlocked(Channel channel) {
    return entries.stream().anyMatch(e -> e.target().blocks(channel));
  }

  /** The entry that blocks the channel, the channel's own before ALL; empty when not blocked. */
  public Optional<DndEntry> blockingEntry(Channel channel) {
    return entries.stream()
        .filter(e -> e.target().blocks(channel))
        .min(Comparator.comparing((DndEntry e) -> e.target() == DndTarget.ALL).thenComparing(ORDER));
  }

  public boolean isInboundBlocked(InboundChannel channel) {
    return isActive(DndTarget.inbound(channel));
  }

  /** Whether the target itself has an entry (ALL does not count for a single channel here). */
  public boolean isActive(DndTarget target) {
    return entries.stream().anyMatch(e -> e.target() == target);
  }

  public List<DndEntry> entries(DndTarget target) {
    return entries.stream().filter(e -> e.target() == target).toList();
  }

  public Optional<DndEntry> entry(DndTarget target, DndReason reason) {
    return entries.stream().filter(e -> e.target() == target && e.reason() == reason).findFirst();
  }

  /** ON when every outbound channel is blocked, PARTIAL when some are, OFF when none is. */
  public DndStatus status() {
    long blocked = Arrays.stream(Channel.values()).filter(this::isBlocked).count();
    if (blocked == Channel.values().length) {
      return DndStatus.ON;
    }
    return blocked == 0 ? DndStatus.OFF : DndStatus.PARTIAL;
  }

  /** Whether a user may clear the target: true when every entry on it allows that. */
  public boolean userMayClear(DndTarget target) {
    return entries(target).stream().allMatch(DndEntry::userMayClear);
  }
}
