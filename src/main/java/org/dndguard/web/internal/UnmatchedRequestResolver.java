package org.dndguard.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers requests under DND Guard's paths ({@code /api}, {@code /webhooks}) that no handler took
 * (an unknown path, a method the path does not allow, a media type no endpoint consumes or
 * produces) as problem+json.
 *
 * <p>A resolver rather than an advice: no controller was chosen, so a scoped
 * {@link ProblemDetailsAdvice} cannot apply, and an unscoped advice would take these errors from
 * the host application's own paths too. It runs before Spring MVC's resolvers and returns
 * {@code null} for every other request, which then goes on as if DND Guard were not there.
 */
public class UnmatchedRequestResolver implements HandlerExceptionResolver, Ordered {

  @Override
  public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
      Exception ex) {
    if (handler instanceof HandlerMethod || !(ex instanceof ErrorResponse error) || !Problems.isDndPath(request)
        || response.isCommitted()) {
      return null;
    }
    ProblemDetail problem = error.getBody();
    String requestLine = request.getMethod() + " " + Problems.path(request);
    if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
      problem.setDetail("No DND Guard endpoint answers " + requestLine
          + "; the endpoints are listed in the OpenAPI document (/v3/api-docs)");
    } else if (ex instanceof HttpRequestMethodNotSupportedException notSupported
        && notSupported.getSupportedHttpMethods() != null) {
      problem.setDetail(request.getMethod() + " is not allowed on " + Problems.path(request) + "; allowed: "
          + String.join(", ", notSupported.getSupportedHttpMethods().stream().map(Object::toString).toList()));
    }
    error.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    try {
      Problems.write(request, response, problem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ModelAndView();
  }

  /** Before Spring MVC's own resolvers (order 0), after Spring Boot's error attributes. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 100;
  }
}
