package org.dndguard.app;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The title of the reference application's OpenAPI document. The library leaves a host
 * application's title alone; it only adds its endpoints, security scheme and problem schema.
 */
@Configuration(proxyBeanMethods = false)
class AppOpenApiConfiguration {

  @Bean
  OpenAPI dndGuardOpenApi() {
    String version = DndGuardApplication.class.getPackage().getImplementationVersion();
    return new OpenAPI().info(new Info()
        .title("DND Guard")
        .version(version == null ? "development" : version)
        .description("Do Not Disturb for Camunda 7 workflows: contacts, their DND per channel, the audit trail"
            + " and the provider webhooks. /api needs HTTP Basic with a Camunda user, whose Camunda groups decide"
            + " what it may do; webhooks check their provider's signature. Every error is application/problem+json"
            + " (RFC 9457)."));
  }
}
