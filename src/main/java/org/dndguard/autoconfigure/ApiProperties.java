package org.dndguard.autoconfigure;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * DND Guard's HTTP API, under {@code dnd.api}.
 *
 * @param enabled whether the API's endpoints are served; off, DND Guard adds no endpoint below
 *     {@code base-path}
 * @param basePath the path below which the API lives, e.g. {@code /dnd/api/contacts/{id}/dnd}; it
 *     starts with {@code /} and does not end with one (the reference application uses {@code /api})
 * @param maxBodySize the largest request body the API accepts; a larger one is refused with 413 before
 *     it is read (by its Content-Length) or as soon as the limit is passed (a body sent in chunks)
 */
public record ApiProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue(ApiProperties.DEFAULT_BASE_PATH) String basePath,
    @DefaultValue("64KB") DataSize maxBodySize) {

  /** The library's default base path. */
  public static final String DEFAULT_BASE_PATH = "/dnd/api";

  public ApiProperties {
    basePath = BasePaths.require(basePath, "dnd.api.base-path");
    if (maxBodySize == null) {
      maxBodySize = DataSize.ofKilobytes(64);
    }
    if (maxBodySize.toBytes() < 1) {
      throw new IllegalArgumentException("dnd.api.max-body-size must be at least 1 byte, e.g. 64KB: " + maxBodySize);
    }
  }
}
