package org.dndguard.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.dndguard.web.DndAccessDeniedException;
import org.dndguard.web.DndAuthorization;
import org.dndguard.web.DndPermission;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The gate of DND Guard's API, a plain servlet filter in the manner of Camunda's own
 * {@code ProcessEngineAuthenticationFilter} for {@code /engine-rest}: it needs neither Spring
 * Security nor any other part of the host application's security, and changes none of it.
 *
 * <p>In order, each request:
 * <ol>
 *   <li>must carry HTTP Basic credentials of a Camunda user (401 with a challenge otherwise);</li>
 *   <li>must not be one a browser sends cross-site without a CORS preflight: a {@code POST} needs a
 *       JSON content type, even without a body (415 otherwise); {@code PUT} and {@code DELETE}
 *       always need a preflight, which DND Guard does not grant;</li>
 *   <li>needs a permission ({@link #permissionFor}) that the user's Camunda groups grant (403
 *       naming it otherwise).</li>
 * </ol>
 * Then the request goes on with the user as its {@link HttpServletRequest#getUserPrincipal()
 * principal}, which the audit trail names, and as Camunda's authenticated user
 * ({@link IdentityService#setAuthentication(String, List)}, with the user's groups) for as long as the
 * request runs: with Camunda's authorization on, what an endpoint does in the engine (the instances it
 * reads, the workflows it removes) is checked against the user's Camunda authorizations too, on top of
 * DND Guard's permission. Workflow steps run by the engine are not affected. Nothing is kept between
 * requests (no session).
 */
public class DndApiFilter extends OncePerRequestFilter {

  /** The path of the workflow removal endpoint below a contact, which needs {@link DndPermission#REMOVE_WORKFLOWS}. */
  static final String WORKFLOW_REMOVAL_SUFFIX = "/workflow-removal";

  /** The default largest request body, 64 KiB: DND Guard's requests are far smaller. */
  public static final long DEFAULT_MAX_BODY_SIZE = 64 * 1024;

  private final IdentityService identityService;
  private final DndAuthorization authorization;
  private final String realm;
  private final long maxBodySize;

  /**
   * With the default body limit, {@link #DEFAULT_MAX_BODY_SIZE}.
   *
   * @param identityService Camunda's users, whose passwords are checked
   * @param authorization what each user may do
   * @param realm the realm of the HTTP Basic challenge, e.g. {@code DND Guard}
   */
  public DndApiFilter(IdentityService identityService, DndAuthorization authorization, String realm) {
    this(identityService, authorization, realm, DEFAULT_MAX_BODY_SIZE);
  }

  /**
   * @param identityService Camunda's users, whose passwords are checked
   * @param authorization what each user may do
   * @param realm the realm of the HTTP Basic challenge, e.g. {@code DND Guard}
   * @param maxBodySize the largest request body in bytes ({@code dnd.api.max-body-size}); a larger one
   *     is answered 413 without being read further
   */
  public DndApiFilter(IdentityService identityService, DndAuthorization authorization, String realm,
      long maxBodySize) {
    if (maxBodySize < 1) {
      throw new IllegalArgumentException("The body limit must be at least 1 byte: " + maxBodySize);
    }
    this.maxBodySize = maxBodySize;
    if (realm == null || realm.isBlank() || realm.contains("\"") || realm.contains("\\")) {
      throw new IllegalArgumentException("The realm must be a non-blank text without quotes or backslashes: " + realm);
    }
    this.identityService = Objects.requireNonNull(identityService, "identityService");
    this.authorization = Objects.requireNonNull(authorization, "authorization");
    this.realm = realm;
  }

  /**
   * The permission a request needs: reading ({@code GET}, {@code HEAD}) needs
   * {@link DndPermission#READ}; {@code POST .../workflow-removal} needs
   * {@link DndPermission#REMOVE_WORKFLOWS}; every other method needs {@link DndPermission#CHANGE},
   * so that an endpoint added later is never open to readers by mistake.
   */
  public static DndPermission permissionFor(String method, String path) {
    String m = method.toUpperCase(Locale.ROOT);
    if (m.equals("GET") || m.equals("HEAD")) {
      return DndPermission.READ;
    }
    if (m.equals("POST") && stripTrailingSlash(path).endsWith(WORKFLOW_REMOVAL_SUFFIX)) {
      return DndPermission.REMOVE_WORKFLOWS;
    }
    return DndPermission.CHANGE;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Problems.markDndRequest(request);
    // answers of the API are about one user; no cache, proxy or browser may keep them
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    Credentials credentials = Credentials.of(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (credentials == null) {
      challenge(request, response, "This API needs HTTP Basic authentication with a Camunda user (one that"
          + " Cockpit knows)");
      return;
    }
    if (credentials.user().isBlank() || !identityService.checkPassword(credentials.user(), credentials.password())) {
      challenge(request, response, "Unknown user or wrong password; use the name and password of a Camunda user"
          + " (one that Cockpit knows)");
      return;
    }
    if (isCrossSiteShaped(request)) {
      Problems.write(request, response, Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null,
          "JSON content type required", "A POST to DND Guard's API must carry Content-Type: application/json,"
              + " also when it has no body: a browser sends other content types from any web site without asking"
              + " (no CORS preflight), with the credentials it has cached. The request changed nothing."));
      return;
    }
    try {
      authorization.require(credentials.user(), permissionFor(request.getMethod(), Problems.path(request)));
    } catch (DndAccessDeniedException e) {
      Problems.write(request, response, e.getBody());
      return;
    }
    HttpServletRequest limited;
    try {
      limited = BoundedBodyRequest.of(request, maxBodySize);
    } catch (BodyTooLargeException e) {
      tooLarge(request, response);
      return;
    }
    // as the user in the engine for this request; cleared after, as the thread serves other requests
    identityService.setAuthentication(credentials.user(), List.copyOf(authorization.groupsOf(credentials.user())));
    try {
      chain.doFilter(new AuthenticatedRequest(limited, credentials.user()), response);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** A request a browser sends cross-site without a preflight: a POST whose content type is not JSON. */
  private static boolean isCrossSiteShaped(HttpServletRequest request) {
    if (!"POST".equalsIgnoreCase(request.getMethod())) {
      return false;
    }
    String header = request.getContentType();
    if (header == null || header.isBlank()) {
      return true;
    }
    try {
      MediaType type = MediaType.parseMediaType(header);
      boolean json = type.getType().equals("application")
          && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
      return !json;
    } catch (InvalidMediaTypeException e) {
      return true;
    }
  }

  /**
   * 413 for a body over the limit. The connection is closed after the answer, so that the server
   * does not read the rest of the body only to keep the connection.
   */
  private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setHeader(HttpHeaders.CONNECTION, "close");
    ProblemDetail problem = Problems.problem(HttpStatus.PAYLOAD_TOO_LARGE, Problems.REQUEST_TOO_LARGE,
        "Request body too large", "The request body is larger than " + maxBodySize + " bytes, the most DND Guard's"
            + " API accepts (dnd.api.max-body-size); its requests are far smaller. The request changed nothing.");
    problem.setProperty("limit", maxBodySize);
    Problems.write(request, response, problem);
  }

  private void challenge(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
    Problems.write(request, response, Problems.problem(HttpStatus.UNAUTHORIZED, null, null, detail));
  }

  private static String stripTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** HTTP Basic credentials (RFC 7617), UTF-8 as the challenge asks for. */
  private record Credentials(String user, String password) {

    static Credentials of(String header) {
      if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
        return null;
      }
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return new Credentials("", "");
      }
      int colon = decoded.indexOf(':');
      return colon < 0 ? new Credentials("", "") : new Credentials(decoded.substring(0, colon),
          decoded.substring(colon + 1));
    }
  }

  /** The request as the authenticated Camunda user makes it. */
  private static final class AuthenticatedRequest extends HttpServletRequestWrapper {

    private final String user;
    private final Principal principal;

    AuthenticatedRequest(HttpServletRequest request, String user) {
      super(request);
      this.user = user;
      this.principal = new CamundaUserPrincipal(user);
    }

    @Override
    public String getRemoteUser() {
      return user;
    }

    @Override
    public Principal getUserPrincipal() {
      return principal;
    }

    @Override
    public String getAuthType() {
      return HttpServletRequest.BASIC_AUTH;
    }

    @Override
    public boolean isUserInRole(String role) {
      return false;
    }
  }

  /** A Camunda user as a request's principal. */
  record CamundaUserPrincipal(String name) implements Principal {

    @Override
    public String getName() {
      return name;
    }
  }
}
