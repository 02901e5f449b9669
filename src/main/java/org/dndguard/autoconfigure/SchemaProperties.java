package org.dndguard.autoconfigure;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DND Guard's tables, under {@code dnd.schema}.
 *
 * @param migrate whether DND Guard creates and updates its tables at start (its own Flyway, history
 *     table {@code dnd_schema_history}); off, a DBA runs the SQL scripts of {@code db/dndguard} in the
 *     jar (in version order) and DND Guard only checks at start that its tables are there
 */
public record SchemaProperties(@DefaultValue("true") boolean migrate) {
}
