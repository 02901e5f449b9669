package org.dndguard.store.internal;

import java.util.List;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.internal.DndDecision;

/**
 * What an event for an address changed: the opt-outs kept for the address itself and the record
 * of every contact that has it.
 *
 * @param kind the kind of address
 * @param address the normalised address
 * @param addressDecision the decision on the entries kept for the address
 * @param contacts one change per contact that has the address, in contact id order
 */
public record AddressChange(AddressKind kind, String address, DndDecision addressDecision, List<ContactChange> contacts) {

  /** Whether anything changed, for the address or for any contact. */
  public boolean changedSomething() {
    return addressDecision.changesSomething() || contacts.stream().anyMatch(c -> c.decision().changesSomething());
  }
}
