package org.dndguard.messaging.internal;

/** What became of one claimed outbox message in a dispatch run; the worker sums them up. */
public enum DispatchOutcome { SENT, BLOCKED, RETRIED, FAILED, RELEASED, LOST }
