package org.dndguard.store.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How DND Guard's tables hold values, for every class that reads or writes them: instants as
 * {@code TIMESTAMP WITH TIME ZONE} in UTC, enums by name, free text cut to its column's length.
 */
public final class Columns {

  private Columns() {
  }

  /** The instant in the column; null for SQL NULL. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** The instant as a parameter for a timestamp column; null stays null. */
  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** The constant of the type named in the column; null for SQL NULL. */
  public static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
    return name == null ? null : Enum.valueOf(type, name);
  }

  /** The text cut to the column's length; null stays null. */
  public static String truncate(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }
}
