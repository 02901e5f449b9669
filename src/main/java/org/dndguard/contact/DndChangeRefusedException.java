package org.dndguard.contact;

/**
 * A change the rules do not allow, such as a user clearing a spam complaint's EMAIL DND. The
 * message names the contact, the channel, the reason, when it was set and what would lift it.
 */
public class DndChangeRefusedException extends RuntimeException {

  private final String contactId;
  private final DndTarget target;
  private final DndEntry blockingEntry;

  public DndChangeRefusedException(String contactId, DndTarget target, DndEntry blockingEntry, String message) {
    super(message);
    this.contactId = contactId;
    this.target = target;
    this.blockingEntry = blockingEntry;
  }

  public String contactId() {
    return contactId;
  }

  public DndTarget target() {
    return target;
  }

  /** The entry that may not be cleared. */
  public DndEntry blockingEntry() {
    return blockingEntry;
  }

  public DndReason reason() {
    return blockingEntry.reason();
  }
}
