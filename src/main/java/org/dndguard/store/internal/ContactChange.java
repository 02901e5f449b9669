package org.dndguard.store.internal;

import org.dndguard.contact.internal.DndDecision;
import org.dndguard.contact.DndRecord;

/** One contact's part of a change: what the rules decided and the record afterwards. */
public record ContactChange(String contactId, DndDecision decision, DndRecord after) {
}
