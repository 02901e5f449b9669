package org.dndguard.store.internal;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * CSV as RFC 4180 has it (comma, CRLF, quotes doubled inside a quoted field), one row at a time.
 * A field that a spreadsheet would run as a formula (it starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return: a contact's text may) is written with a
 * leading apostrophe, as OWASP advises against CSV injection; instants are ISO-8601 in UTC.
 */
final class CsvOut {

  private final Writer out;

  CsvOut(Writer out) {
    this.out = out;
  }

  /** A comment line, {@code # ...}, before the header. */
  void comment(String text) throws IOException {
    out.write("# " + text.replace('\r', ' ').replace('\n', ' ') + "\r\n");
  }

  void row(List<?> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(field(fields.get(i)));
    }
    out.write("\r\n");
  }

  void flush() throws IOException {
    out.flush();
  }

  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String text = value instanceof Instant instant ? instant.toString() : value.toString();
    if (!text.isEmpty() && !(value instanceof Number) && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
