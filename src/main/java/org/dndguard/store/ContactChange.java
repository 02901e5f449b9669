package org.dndguard.store;

import org.dndguard.contact.DndDecision;
import org.dndguard.contact.DndRecord;

/** One contact's part of a change: what the rules decided and the record afterwards. */
public record ContactChange(String contactId, DndDecision decision, DndRecord after) {
}
