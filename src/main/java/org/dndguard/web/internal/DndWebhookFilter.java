package org.dndguard.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Marks requests under the webhook base path as DND Guard's, so that their errors are answered as
 * problems. It asks for no login: each webhook checks its provider's signature itself, and a stray
 * {@code Authorization} header (some gateways add one) means nothing here.
 */
public class DndWebhookFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Problems.markDndRequest(request);
    response.setHeader("X-Content-Type-Options", "nosniff");
    chain.doFilter(request, response);
  }
}
