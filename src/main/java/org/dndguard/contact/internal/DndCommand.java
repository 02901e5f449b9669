package org.dndguard.contact.internal;

import java.util.Objects;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;

/** A request to change a contact's DND, before the rules have judged it. */
public sealed interface DndCommand {

  Evidence evidence();

  /** Turn DND on for a target with a reason: a user's DND, a provider event, an opt-out. */
  record Set(DndTarget target, DndReason reason, Evidence evidence) implements DndCommand {
    public Set {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(evidence, "evidence");
      if (target == DndTarget.ALL && reason != DndReason.MANUAL) {
        throw new IllegalArgumentException("Only a user or a workflow sets DND on ALL channels");
      }
    }
  }

  /** A user, or a workflow acting as one, turns DND off for a target. */
  record Clear(DndTarget target, Evidence evidence) implements DndCommand {
    public Clear {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(evidence, "evidence");
    }
  }

  /**
   * The contact sent an opt-in keyword (START, UNSTOP, YES) on a channel: texted (SMS) or on
   * WhatsApp. It lifts what the contact's keywords and the carrier set on that channel only.
   */
  record OptIn(DndTarget target, Evidence evidence) implements DndCommand {
    public OptIn {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(evidence, "evidence");
      if (target != DndTarget.SMS && target != DndTarget.WHATSAPP) {
        throw new IllegalArgumentException("A contact opts in by SMS or WhatsApp, not " + target);
      }
    }

    /** A texted opt-in (SMS). */
    public OptIn(Evidence evidence) {
      this(DndTarget.SMS, evidence);
    }
  }

  static Set set(DndTarget target, DndReason reason, Evidence evidence) {
    return new Set(target, reason, evidence);
  }

  static Clear clear(DndTarget target, Evidence evidence) {
    return new Clear(target, evidence);
  }

  static OptIn optIn(Evidence evidence) {
    return new OptIn(evidence);
  }
}
