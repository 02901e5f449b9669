package org.dndguard.web;

/** TEMPORARY stand-in for issue 13's enum (branch i13); removed when i13 is merged. */
public enum DndPermission { READ, CHANGE, REMOVE_WORKFLOWS }
