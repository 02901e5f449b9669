package org.dndguard.engine.camunda.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Adds a part to one of the engine configuration's custom lists (parse listeners, job handlers,
 * session factories, history event handlers). The engine leaves each list null until a plugin sets
 * one, and another plugin may have set it first: a DND Guard plugin adds its part next to theirs,
 * never replacing the list.
 */
public final class EngineLists {

  private EngineLists() {
  }

  /**
   * @param list the configuration's getter, e.g. {@code configuration::getCustomJobHandlers}
   * @param setList its setter, called only when the list is still null
   */
  public static <T> void add(Supplier<List<T>> list, Consumer<List<T>> setList, T part) {
    List<T> parts = list.get();
    if (parts == null) {
      parts = new ArrayList<>();
      setList.accept(parts);
    }
    parts.add(part);
  }
}
