package org.dndguard.engine.camunda.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.dndguard.engine.internal.ProcessInstanceContacts;
import org.dndguard.engine.internal.ProcessInstanceContacts.Row;

/**
 * The index changes of one engine command, written when the command flushes, inside its
 * transaction. Collecting them first means one write per instance however many events touched it
 * (start, contact variable, business key), and no insert for an instance that ends in the command
 * that started it.
 */
public final class PendingIndexWrites implements Session {

  private final ProcessInstanceContacts index;
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final Set<String> unlessUnchanged = new LinkedHashSet<>();
  private final Set<String> ended = new LinkedHashSet<>();

  private PendingIndexWrites(ProcessInstanceContacts index) {
    this.index = index;
  }

  /** The row of an instance that is starting: written as it is. */
  void put(Row row) {
    String id = row.processInstanceId();
    if (!ended.contains(id)) {
      rows.put(id, row);
      unlessUnchanged.remove(id);
    }
  }

  /**
   * The row of an instance that may have changed: written only if it differs from the stored one.
   * Most such events (a suspension, say) change nothing, and skipping their write keeps them from
   * waiting for a removal that holds the row.
   */
  void putUnlessUnchanged(Row row) {
    String id = row.processInstanceId();
    if (!ended.contains(id)) {
      // a row put unconditionally earlier in this command stays unconditional
      if (!rows.containsKey(id)) {
        unlessUnchanged.add(id);
      }
      rows.put(id, row);
    }
  }

  void ended(String processInstanceId) {
    rows.remove(processInstanceId);
    unlessUnchanged.remove(processInstanceId);
    ended.add(processInstanceId);
  }

  @Override
  public void flush() {
    List<Row> changed = new ArrayList<>(rows.size());
    for (Row row : rows.values()) {
      if (!unlessUnchanged.contains(row.processInstanceId()) || !index.isStored(row)) {
        changed.add(row);
      }
    }
    if (!changed.isEmpty() || !ended.isEmpty()) {
      index.write(changed, ended);
    }
    rows.clear();
    unlessUnchanged.clear();
    ended.clear();
  }

  @Override
  public void close() {
    // nothing held: the writes went through the engine's transaction
  }

  /** Opens one {@link PendingIndexWrites} per engine command. */
  public static final class Factory implements SessionFactory {

    private final Supplier<ProcessInstanceContacts> index;

    public Factory(Supplier<ProcessInstanceContacts> index) {
      this.index = index;
    }

    @Override
    public Class<?> getSessionType() {
      return PendingIndexWrites.class;
    }

    @Override
    public Session openSession() {
      return new PendingIndexWrites(index.get());
    }
  }
}
