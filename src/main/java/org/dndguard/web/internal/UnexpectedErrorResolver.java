package org.dndguard.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * The last word on an error of DND Guard's endpoints that nothing else handled: a 500 problem that
 * tells the client an error id and nothing of the cause, while the log gets the stack trace under
 * that id.
 *
 * <p>A resolver ordered after Spring MVC's, rather than a catch-all in an advice: a catch-all
 * advice would shadow any later advice for a more specific exception, such as one another part of
 * DND Guard or the host application declares.
 */
public class UnexpectedErrorResolver implements HandlerExceptionResolver, Ordered {

  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorResolver.class);
  private static final String DND_PACKAGE = "org.dndguard.";

  @Override
  public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
      Exception ex) {
    if (!isDndHandler(handler) && !Problems.isDndPath(request)) {
      return null;
    }
    String errorId = UUID.randomUUID().toString();
    LOG.error("{} {} failed (error id {})", request.getMethod(), Problems.path(request), errorId, ex);
    if (response.isCommitted()) {
      return null;
    }
    ProblemDetail problem = Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, null, null,
        "DND Guard could not complete the request; the server log has the cause under error id " + errorId);
    problem.setProperty("errorId", errorId);
    try {
      // keep the headers (security headers among them), drop whatever body was begun
      response.resetBuffer();
      Problems.write(request, response, problem);
    } catch (IOException | IllegalStateException e) {
      LOG.warn("Could not answer error id {} to the client", errorId, e);
    }
    return new ModelAndView();
  }

  private static boolean isDndHandler(Object handler) {
    return handler instanceof HandlerMethod method && method.getBeanType().getName().startsWith(DND_PACKAGE);
  }

  /** After Spring MVC's own resolvers (order 0) and every advice. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
