package org.dndguard.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.dndguard.provider.internal.MalformedWebhookException;
import org.dndguard.provider.internal.WebhookBodyTooLargeException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Reading a webhook request: its content type and its body, never more than the limit. */
final class WebhookRequests {

  private WebhookRequests() {
  }

  /**
   * The path Twilio was given, below the application's root: {@code dnd.webhooks.base-path} and the
   * webhook's own path, without the servlet context path (the public base URL carries any prefix).
   */
  static String path(HttpServletRequest request) {
    return Problems.path(request);
  }

  /**
   * The request's media type, which must be the one the provider posts.
   *
   * @throws MalformedWebhookException naming Content-Type when it is missing or another type
   */
  static MediaType requireContentType(HttpServletRequest request, MediaType expected, String provider) {
    String header = request.getContentType();
    MediaType type;
    try {
      type = header == null || header.isBlank() ? null : MediaType.parseMediaType(header);
    } catch (InvalidMediaTypeException e) {
      type = null;
    }
    if (type == null || !expected.isCompatibleWith(type) || type.isWildcardType() || type.isWildcardSubtype()) {
      throw new MalformedWebhookException("Content-Type", "The request's Content-Type is "
          + (header == null || header.isBlank() ? "missing" : "'" + header + "'") + "; " + provider + " posts "
          + expected);
    }
    return type;
  }

  /** The charset of the body: the content type's, else UTF-8 as the providers use. */
  static Charset charset(MediaType type) {
    try {
      Charset charset = type.getCharset();
      return charset == null ? StandardCharsets.UTF_8 : charset;
    } catch (IllegalArgumentException e) {
      throw new MalformedWebhookException("Content-Type", "The Content-Type's charset is unknown: " + type);
    }
  }

  /**
   * The whole body, read up to the limit: a larger one is refused as soon as it is seen, by its
   * Content-Length or while reading, so it never fills the memory.
   *
   * @throws WebhookBodyTooLargeException when the body is larger than the limit
   */
  static byte[] readBody(HttpServletRequest request, long limit) {
    if (request.getContentLengthLong() > limit) {
      throw new WebhookBodyTooLargeException(limit);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = request.getInputStream()) {
      int read;
      while ((read = in.read(buffer)) != -1) {
        if (body.size() + (long) read > limit) {
          throw new WebhookBodyTooLargeException(limit);
        }
        body.write(buffer, 0, read);
      }
    } catch (IOException e) {
      throw new MalformedWebhookException("body", "The request body could not be read: " + e.getMessage());
    }
    return body.toByteArray();
  }
}
