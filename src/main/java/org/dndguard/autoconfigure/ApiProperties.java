package org.dndguard.autoconfigure;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DND Guard's HTTP API, under {@code dnd.api}.
 *
 * @param enabled whether the API's endpoints are served; off, DND Guard adds no endpoint below
 *     {@code base-path}
 * @param basePath the path below which the API lives, e.g. {@code /dnd/api/contacts/{id}/dnd}; it
 *     starts with {@code /} and does not end with one (the reference application uses {@code /api})
 */
public record ApiProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue(ApiProperties.DEFAULT_BASE_PATH) String basePath) {

  /** The library's default base path. */
  public static final String DEFAULT_BASE_PATH = "/dnd/api";

  public ApiProperties {
    basePath = BasePaths.require(basePath, "dnd.api.base-path");
  }
}
