package org.dndguard.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import org.dndguard.InternalApi;
import org.dndguard.contact.internal.AddressNormalizer;
import org.dndguard.engine.internal.GuardMetrics;
import org.dndguard.engine.internal.StepGuard;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndSchema;
import org.dndguard.store.DndService;
import org.dndguard.store.DndTables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * DND Guard's services on one data source, without a Spring application context: for a process
 * engine configured in {@code camunda.cfg.xml} and for plain JUnit tests. Spring Boot applications
 * get the same services as beans from the auto-configuration instead.
 *
 * <p>Everything here is stateless over the database, so two instances on one data source (the
 * engine plugin's and a test's, say) see exactly the same contacts, DND and skip records.
 *
 * @param dndService reads and changes DND
 * @param contactService registers contacts and their addresses
 * @param skipRecords the steps the guard skipped or deferred
 * @param stepGuard what the engine plugin asks before a communication step runs
 */
public record DndGuard(DndService dndService, ContactService contactService, SkipRecords skipRecords,
    @InternalApi StepGuard stepGuard) {

  private static DndGuard build(Builder builder) {
    DndTables tables = tables(builder.dataSource, builder.migrateSchema);
    AddressNormalizer normalizer = new AddressNormalizer(builder.defaultRegion);
    DndService dndService = new DndService(tables, new AuditTrail(tables), builder.events,
        new DataSourceTransactionManager(builder.dataSource), normalizer, builder.clock);
    SkipRecords skipRecords = new SkipRecords(tables);
    return new DndGuard(dndService, new ContactService(dndService, normalizer), skipRecords,
        new StepGuard(dndService, new GuardMetrics(builder.meterRegistry), builder.contactVariable,
            builder.clock));
  }

  /** DND Guard with its defaults on the data source, whose DND Guard tables are migrated first. */
  public static DndGuard on(DataSource dataSource) {
    return builder(dataSource).build();
  }

  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * DND Guard's tables in the data source, for code that builds DND Guard's parts without Spring
   * (the engine plugins from {@code processes.xml} or {@code bpm-platform.xml}).
   *
   * @param migrate {@code dnd.schema.migrate}: true brings the tables up to date with DND Guard's own
   *     Flyway; false changes nothing and only checks that a DBA ran the scripts of {@code db/dndguard}
   * @throws IllegalStateException when {@code migrate} is false and a table or script is missing
   */
  public static DndSchema schema(DataSource dataSource, boolean migrate) {
    // Flyway asks closed connections isClosed(), which the engine's own MyBatis pool answers with an error
    DataSource tolerant = new CloseTolerantDataSource(dataSource);
    return migrate ? DndSchema.migrate(tolerant) : DndSchema.verify(tolerant);
  }

  /**
   * DND Guard's tables in the data source, migrated or checked as by {@link #schema}: what the
   * store's parts take when code builds them without Spring, e.g. {@code new ContactInstanceIndex(tables)}.
   */
  public static DndTables tables(DataSource dataSource, boolean migrate) {
    return new DndTables(dataSource, schema(dataSource, migrate));
  }

  /** The settings of a {@link DndGuard}; each has the default of the matching {@code dnd.*} property. */
  public static final class Builder {

    private final DataSource dataSource;
    private String contactVariable = "contactId";
    private String defaultRegion = "US";
    private boolean migrateSchema = true;
    private Clock clock = Clock.systemUTC();
    private MeterRegistry meterRegistry = Metrics.globalRegistry;
    // without a Spring context nobody listens for DndChangedEvent; an application that does passes its publisher
    private ApplicationEventPublisher events = event -> { };

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The process variable holding the contact id ({@code dnd.contact-variable}, default {@code contactId}). */
    public Builder contactVariable(String contactVariable) {
      this.contactVariable = contactVariable;
      return this;
    }

    /** The region of phone numbers without a country code ({@code dnd.default-region}, default {@code US}). */
    public Builder defaultRegion(String defaultRegion) {
      this.defaultRegion = defaultRegion;
      return this;
    }

    /**
     * Whether DND Guard brings its tables up to date ({@code dnd.schema.migrate}, default true); false
     * only checks that a DBA ran its scripts, see {@link DndGuard#schema(DataSource, boolean)}.
     */
    public Builder migrateSchema(boolean migrateSchema) {
      this.migrateSchema = migrateSchema;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where the {@value GuardMetrics#STEPS} counter goes; Micrometer's global registry by default. */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
      return this;
    }

    /** Who hears of every DND change ({@code DndChangedEvent}); nobody by default. */
    public Builder events(ApplicationEventPublisher events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    public DndGuard build() {
      return DndGuard.build(this);
    }
  }
}
