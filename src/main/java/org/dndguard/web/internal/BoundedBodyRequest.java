package org.dndguard.web.internal;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request to the API whose body was read up front, up to the limit: a body that declares more
 * (Content-Length) is refused before a byte of it is read, and one sent in chunks as soon as it
 * passes the limit, so that no body larger than the limit is ever held or parsed. The API's bodies
 * are small (the limit is 64 KiB by default), so holding one is cheap.
 */
final class BoundedBodyRequest extends HttpServletRequestWrapper {

  private final byte[] body;

  private BoundedBodyRequest(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = body;
  }

  /**
   * The request with its body read, or the request itself when it has none.
   *
   * @throws BodyTooLargeException when the body is larger than the limit
   */
  static HttpServletRequest of(HttpServletRequest request, long limit) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      throw new BodyTooLargeException();
    }
    if (declared == 0 || (declared < 0 && request.getHeader("Transfer-Encoding") == null)) {
      return request;
    }
    ByteArrayOutputStream read = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 0), limit));
    byte[] buffer = new byte[8192];
    InputStream in = request.getInputStream();
    int n;
    while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1 - read.size()))) != -1) {
      read.write(buffer, 0, n);
      if (read.size() > limit) {
        throw new BodyTooLargeException();
      }
    }
    return new BoundedBodyRequest(request, read.toByteArray());
  }

  @Override
  public ServletInputStream getInputStream() {
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    return new ServletInputStream() {
      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return in.read(b, off, len);
      }

      @Override
      public boolean isFinished() {
        return in.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException("The body was read already; read it synchronously");
      }
    };
  }

  @Override
  public BufferedReader getReader() {
    String encoding = getCharacterEncoding();
    Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
  }
}
