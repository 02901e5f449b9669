package org.dndguard.store.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.dndguard.store.DndTables;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Secrets that DND Guard generates once and keeps in its table {@code DND_SECRET}, for a deployment
 * that configures none: the same on every node and after every restart. Two nodes that start at the
 * same moment agree: each inserts its candidate only if the name is absent (the primary key lets one
 * insert win), then both read the row that won. Outside any transaction of the caller: each statement
 * commits on its own, so nothing is held while another node inserts.
 */
public final class GeneratedSecrets {

  /** The name of the HMAC key of one-click unsubscribe links. */
  public static final String UNSUBSCRIBE_LINKS = "unsubscribe-links";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final Clock clock;

  public GeneratedSecrets(DndTables tables, Clock clock) {
    this.jdbc = tables.jdbc();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The secret of the name: the one kept, or else a new random one (32 bytes, as 64 hex digits),
   * kept now; whichever node inserted first decides.
   */
  public String getOrCreate(String name) {
    Optional<String> kept = find(name);
    if (kept.isPresent()) {
      return kept.get();
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    try {
      jdbc.sql("INSERT INTO DND_SECRET (NAME, SECRET, CREATED_AT) SELECT :name, :secret, :at"
              + " WHERE NOT EXISTS (SELECT 1 FROM DND_SECRET WHERE NAME = :name)")
          .param("name", name)
          .param("secret", HexFormat.of().formatHex(random))
          .param("at", Columns.utc(clock.instant()))
          .update();
    } catch (DataIntegrityViolationException e) {
      // another node inserted it between our check and our insert: its secret counts
    }
    return find(name).orElseThrow(() -> new IllegalStateException("The secret " + name
        + " was inserted into DND_SECRET but cannot be read back"));
  }

  /** The secret of the name, if one is kept. */
  public Optional<String> find(String name) {
    return jdbc.sql("SELECT SECRET FROM DND_SECRET WHERE NAME = :name").param("name", name)
        .query(String.class).optional();
  }
}
