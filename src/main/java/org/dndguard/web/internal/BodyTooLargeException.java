package org.dndguard.web.internal;

import java.io.IOException;

/** A request body over the API's limit; answered 413 by {@link DndApiFilter}. */
final class BodyTooLargeException extends IOException {

  BodyTooLargeException() {
    super("request body over the limit");
  }
}
