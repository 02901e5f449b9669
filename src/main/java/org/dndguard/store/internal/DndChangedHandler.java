package org.dndguard.store.internal;

import org.dndguard.store.DndChangedEvent;

/**
 * DND Guard's own reaction to a DND change (the {@code DndChanged} delivery and the removal policy),
 * run in the change's transaction before the application's listeners hear of it, each handler in a
 * savepoint of its own ({@link DndChangePublisher}): what it writes commits with the change, and
 * when it fails the change commits without it. A host adds a listener with {@code @EventListener}
 * for {@link DndChangedEvent}, not with this interface.
 */
@FunctionalInterface
public interface DndChangedHandler {

  /** Reacts to a change, in the change's transaction and on its connection. */
  void onDndChanged(DndChangedEvent event);
}
