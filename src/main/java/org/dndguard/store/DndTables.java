package org.dndguard.store;

import java.util.Objects;
import javax.sql.DataSource;
import org.dndguard.InternalApi;
import org.dndguard.store.internal.SqlDialect;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * DND Guard's tables on a data source (the engine's, or an engine command's own connection): what
 * every part that reads or writes them takes, rather than a data source and a {@link DndSchema}
 * side by side. It cannot be made without a {@link DndSchema}, so the tables have been migrated (or
 * checked, with {@code dnd.schema.migrate=false}) before any of those parts is built.
 *
 * @param dataSource where the tables are; for what {@link #jdbc} cannot do (batches, streamed reads,
 *     the transaction's own connection)
 * @param schema the tables as {@link DndSchema#migrate} or {@link DndSchema#verify} found them there
 */
public record DndTables(DataSource dataSource, DndSchema schema) {

  public DndTables {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(schema, "schema: the tables must be migrated first");
  }

  /** A client for the tables' statements; it joins the caller's Spring transaction when there is one. */
  public JdbcClient jdbc() {
    return JdbcClient.create(dataSource);
  }

  /** The database's dialect, for the few statements that differ between H2 and PostgreSQL. */
  @InternalApi
  public SqlDialect dialect() {
    return schema.dialect();
  }
}
