package org.dndguard.workflow;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/**
 * The index changes of one engine command, written when the command flushes, inside its
 * transaction. Collecting them first means one write per instance however many events touched it
 * (start, contact variable, business key), and no insert for an instance that ends in the command
 * that started it.
 */
final class PendingIndexWrites implements Session {

  private final ContactInstanceIndex index;
  private final Map<String, IndexedInstance> rows = new LinkedHashMap<>();
  private final Set<String> ended = new LinkedHashSet<>();

  private PendingIndexWrites(ContactInstanceIndex index) {
    this.index = index;
  }

  void put(IndexedInstance row) {
    if (!ended.contains(row.processInstanceId())) {
      rows.put(row.processInstanceId(), row);
    }
  }

  void ended(String processInstanceId) {
    rows.remove(processInstanceId);
    ended.add(processInstanceId);
  }

  @Override
  public void flush() {
    if (rows.isEmpty() && ended.isEmpty()) {
      return;
    }
    index.write(rows.values(), ended);
    rows.clear();
    ended.clear();
  }

  @Override
  public void close() {
    // nothing held: the writes went through the engine's transaction
  }

  /** Opens one {@link PendingIndexWrites} per engine command. */
  static final class Factory implements SessionFactory {

    private final ContactInstanceIndex index;

    Factory(ContactInstanceIndex index) {
      this.index = index;
    }

    @Override
    public Class<?> getSessionType() {
      return PendingIndexWrites.class;
    }

    @Override
    public Session openSession() {
      return new PendingIndexWrites(index);
    }
  }
}
