package dev.shuqiao.audit.hook;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditException;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.AuditRecorder;
import dev.shuqiao.audit.SubjectPseudonym;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits every request to a provider endpoint: who called (actor), what (the configured action),
 * on which resource, and the outcome from the response status (2xx/3xx success, 401/403 denied,
 * anything else or an exception failed). While the request runs, an {@link AuditScope} is open so
 * {@code @Audited} beans called by it record with the same actor and case.
 *
 * <pre>{@code
 * FilterHolder audit = new FilterHolder(AuditFilter.builder(auditLog)
 *     .action(AuditAction.DATA_ACCESS)
 *     .containerPrincipal("11450200075623181Q", "birth-registry")  // the container authenticates the user
 *     .build());
 * FilterHolder byCertificate = new FilterHolder(AuditFilter.builder(auditLog)
 *     .actorResolver(request -> identityFromClientCertificate(request))   // or a resolver of your own
 *     .build());
 * }</pre>
 *
 * <p>The actor comes only from an authenticated source: the vendor's {@link Builder#actorResolver},
 * or the servlet container's authenticated user ({@code getUserPrincipal()}, {@code getRemoteUser()})
 * as operator of the department and system named with {@link Builder#containerPrincipal}. Without
 * either, or when the container has authenticated nobody, the caller is unidentified and refused
 * with 401. Request headers never name the actor: anyone can send {@code X-Shuqiao-Department}.
 * (The exchange channel's provider, {@code dev.shuqiao.provider}, does not need this filter: it
 * audits with the actor from the verified envelope and hub ticket.) Defaults for the context: case,
 * message and grant ids from {@code X-Shuqiao-Case-Id}, {@code X-Shuqiao-Message-Id}, {@code
 * X-Shuqiao-Grant-Id}; the data subject from {@code X-Shuqiao-Subject} as a hex pseudonym; the
 * resource from the path.
 *
 * <p>Fails closed: an unidentified caller gets 401 and a bad audit header 400 without reaching the
 * endpoint (both recorded as denied); if the record cannot be written and the response is not yet
 * committed, the response is replaced by 503 so that no data leaves unaudited.
 */
public final class AuditFilter implements Filter {

  public static final String CASE_ID_HEADER = "X-Shuqiao-Case-Id";
  public static final String MESSAGE_ID_HEADER = "X-Shuqiao-Message-Id";
  public static final String GRANT_ID_HEADER = "X-Shuqiao-Grant-Id";
  public static final String SUBJECT_HEADER = "X-Shuqiao-Subject";

  private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);
  private static final Actor UNIDENTIFIED = Actor.of("unidentified", "unidentified");

  private final AuditRecorder recorder;
  private final AuditAction action;
  private final Function<HttpServletRequest, Optional<Actor>> actorResolver;
  private final Function<HttpServletRequest, Optional<String>> resourceResolver;

  private AuditFilter(Builder b) {
    this.recorder = b.recorder;
    this.action = b.action;
    this.actorResolver = b.actorResolver;
    this.resourceResolver = b.resourceResolver;
  }

  public static Builder builder(AuditRecorder recorder) {
    return new Builder(recorder);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
      throw new ServletException("AuditFilter audits HTTP requests only");
    }
    Optional<String> resource = resourceResolver.apply(request);
    Optional<Actor> actor = resolveActor(request);
    if (actor.isEmpty()) {
      refuse(response, HttpServletResponse.SC_UNAUTHORIZED, UNIDENTIFIED, resource, "caller not identified");
      return;
    }
    AuditScope scope;
    try {
      scope = scope(request, actor.get());
    } catch (IllegalArgumentException e) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, actor.get(), resource, "bad audit header: " + e.getMessage());
      return;
    }
    AuditOutcome outcome = AuditOutcome.FAILED;
    try (scope) {
      chain.doFilter(request, response);
      outcome = outcomeOf(response.getStatus());
    } finally {
      recordOrFailClosed(scope, resource, outcome, response);
    }
  }

  private Optional<Actor> resolveActor(HttpServletRequest request) {
    try {
      return actorResolver.apply(request);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private AuditScope scope(HttpServletRequest request, Actor actor) {
    AuditScope.Builder scope = AuditScope.builder(recorder, actor);
    header(request, CASE_ID_HEADER).ifPresent(scope::caseId);
    header(request, MESSAGE_ID_HEADER).ifPresent(scope::messageId);
    header(request, GRANT_ID_HEADER).ifPresent(scope::grantId);
    header(request, SUBJECT_HEADER).ifPresent(hex -> scope.subject(SubjectPseudonym.fromHex(hex)));
    return scope.open();
  }

  private void refuse(HttpServletResponse response, int status, Actor actor, Optional<String> resource, String why)
      throws IOException {
    try (AuditScope scope = AuditScope.builder(recorder, actor).open()) {
      scope.record(action, resource, AuditOutcome.DENIED);
    } catch (AuditException e) {
      LOG.error("audit record of a refused request failed: {}", e.getMessage());
      status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
    }
    response.sendError(status, why);
  }

  private void recordOrFailClosed(AuditScope scope, Optional<String> resource, AuditOutcome outcome,
      HttpServletResponse response) throws IOException {
    try {
      scope.record(action, resource, outcome);
    } catch (AuditException | IllegalArgumentException e) {
      LOG.error("audit record failed; {}: {}", response.isCommitted() ? "response already committed"
          : "replacing the response with 503", e.getMessage());
      if (!response.isCommitted()) {
        response.reset();
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "audit log unavailable");
      }
    }
  }

  static AuditOutcome outcomeOf(int status) {
    if (status == HttpServletResponse.SC_UNAUTHORIZED || status == HttpServletResponse.SC_FORBIDDEN) {
      return AuditOutcome.DENIED;
    }
    return status < 400 ? AuditOutcome.SUCCESS : AuditOutcome.FAILED;
  }

  static Optional<String> header(HttpServletRequest request, String name) {
    String value = request.getHeader(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** The container's authenticated user as operator of {@code department}'s {@code system}; empty if none. */
  static Optional<Actor> actorFromPrincipal(HttpServletRequest request, String department, String system) {
    String user = request.getRemoteUser();
    if (user == null && request.getUserPrincipal() != null) {
      user = request.getUserPrincipal().getName();
    }
    if (user == null || user.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(Actor.of(department, system, user.strip()));
  }

  static Optional<String> resourceFromPath(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.isEmpty() || path.equals("/") ? Optional.empty() : Optional.of(path);
  }

  /** Configures an {@link AuditFilter}. */
  public static final class Builder {
    private final AuditRecorder recorder;
    private AuditAction action = AuditAction.DATA_ACCESS;
    /** Fail closed until an authenticated source is configured. */
    private Function<HttpServletRequest, Optional<Actor>> actorResolver = request -> Optional.empty();
    private Function<HttpServletRequest, Optional<String>> resourceResolver = AuditFilter::resourceFromPath;

    private Builder(AuditRecorder recorder) {
      this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    /** The action recorded for requests through this filter (default {@link AuditAction#DATA_ACCESS}). */
    public Builder action(AuditAction action) {
      this.action = Objects.requireNonNull(action, "action");
      return this;
    }

    /**
     * Who is calling, from an authenticated source of yours (a verified client certificate, a
     * validated token; never a header the caller sets); empty means unidentified (refused with 401).
     */
    public Builder actorResolver(Function<HttpServletRequest, Optional<Actor>> actorResolver) {
      this.actorResolver = Objects.requireNonNull(actorResolver, "actorResolver");
      return this;
    }

    /**
     * The actor is the user the servlet container authenticated ({@code getRemoteUser()}, else
     * {@code getUserPrincipal().getName()}), as operator of this department's system; a request the
     * container has not authenticated is refused with 401.
     */
    public Builder containerPrincipal(String departmentCode, String system) {
      Actor.of(departmentCode, system); // validates both now rather than on the first request
      this.actorResolver = request -> actorFromPrincipal(request, departmentCode, system);
      return this;
    }

    /** Which resource a request is about (default: the path inside the context). */
    public Builder resourceResolver(Function<HttpServletRequest, Optional<String>> resourceResolver) {
      this.resourceResolver = Objects.requireNonNull(resourceResolver, "resourceResolver");
      return this;
    }

    public AuditFilter build() {
      return new AuditFilter(this);
    }
  }
}
