package org.dndguard.app;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.annotation.PropertySource;

/**
 * The reference application on PostgreSQL ({@code --spring.profiles.active=postgres}), the
 * database of production and of a cluster: several instances of the application on one database,
 * each with its own job executor. Processed after the application class, so its properties win
 * over {@code reference-app.properties}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("postgres")
@PropertySource("classpath:org/dndguard/app/reference-app-postgres.properties")
class PostgresProfile {
}
