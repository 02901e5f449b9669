package org.dndguard.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One ordered query read a row at a time: the database sends {@link #FETCH_SIZE} rows per round
 * trip and only the current row is held, so a cursor over a million rows takes the memory of one.
 * Every column of the row is read by its name, whatever columns the table has: a column or status
 * that a later migration adds passes through without a change here.
 *
 * <p>On PostgreSQL the driver streams only inside a transaction (autocommit off); {@link Streams}
 * opens the connection so.
 */
public final class RowCursor implements AutoCloseable {

  /** Rows per round trip to the database. */
  public static final int FETCH_SIZE = 500;

  private final String type;
  private final int rank;
  private final String timeColumn;
  private final String idColumn;
  private final PreparedStatement statement;
  private final ResultSet rows;
  private final ResultSetMetaData meta;
  private Map<String, Object> current;
  private Instant at;
  private Comparable<Object> id;

  /**
   * @param type what the rows are, e.g. {@code AUDIT}
   * @param rank the order of rows of this type against rows of another type at the same instant
   * @param timeColumn the column the query orders by (ascending), then by {@code idColumn}
   */
  RowCursor(Connection connection, String type, int rank, String sql, String timeColumn, String idColumn,
      Object... params) throws SQLException {
    this.type = type;
    this.rank = rank;
    this.timeColumn = timeColumn;
    this.idColumn = idColumn;
    this.statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    try {
      statement.setFetchSize(FETCH_SIZE);
      for (int i = 0; i < params.length; i++) {
        Object param = params[i] instanceof Instant instant ? Columns.utc(instant) : params[i];
        statement.setObject(i + 1, param);
      }
      this.rows = statement.executeQuery();
      this.meta = rows.getMetaData();
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  /** Moves to the next row; false at the end. */
  @SuppressWarnings("unchecked")
  boolean next() throws SQLException {
    if (!rows.next()) {
      current = null;
      return false;
    }
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String column = meta.getColumnLabel(i).toUpperCase(Locale.ROOT);
      Object value = switch (meta.getColumnType(i)) {
        case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
          OffsetDateTime time = rows.getObject(i, OffsetDateTime.class);
          yield time == null ? null : time.toInstant();
        }
        case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
          long number = rows.getLong(i);
          yield rows.wasNull() ? null : number;
        }
        case Types.BOOLEAN, Types.BIT -> {
          boolean flag = rows.getBoolean(i);
          yield rows.wasNull() ? null : flag;
        }
        default -> rows.getString(i);
      };
      row.put(column, value);
    }
    current = row;
    at = (Instant) row.get(timeColumn);
    id = (Comparable<Object>) row.get(idColumn);
    return true;
  }

  /** The query's column names, upper case, in its order. */
  List<String> columns() throws SQLException {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      names.add(meta.getColumnLabel(i).toUpperCase(Locale.ROOT));
    }
    return names;
  }

  /** The current row, column name (upper case) to value: {@link Instant}, {@link Long}, {@link Boolean} or text. */
  Map<String, Object> row() {
    return current;
  }

  String type() {
    return type;
  }

  int rank() {
    return rank;
  }

  Instant at() {
    return at;
  }

  Comparable<Object> id() {
    return id;
  }

  /** The row's time, then its type's rank, then its id: the order of a merged stream. */
  static int compare(RowCursor a, RowCursor b) {
    int byTime = a.at.compareTo(b.at);
    if (byTime != 0) {
      return byTime;
    }
    if (a.rank != b.rank) {
      return Integer.compare(a.rank, b.rank);
    }
    return a.id.compareTo(b.id);
  }

  @Override
  public void close() throws SQLException {
    try (statement; rows) {
      // closes both, the result set first
    }
  }
}
