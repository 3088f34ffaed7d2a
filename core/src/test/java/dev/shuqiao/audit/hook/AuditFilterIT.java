package dev.shuqiao.audit.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.audit.SubjectPseudonym;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter in a real Jetty on port 0, in front of a provider servlet, behind an authenticating
 * filter that stands for the container's login (it accepts one bearer token and sets the user).
 */
class AuditFilterIT {

  static final String TOKEN = "Bearer token-of-clerk-3";
  static final String DEPARTMENT = "11450200MB0000000T";

  /** Authenticates like a container would: the request's user is set only for the right token. */
  public static class LoginFilter implements jakarta.servlet.Filter {
    @Override
    public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res,
        jakarta.servlet.FilterChain chain) throws IOException, jakarta.servlet.ServletException {
      HttpServletRequest request = (HttpServletRequest) req;
      if (TOKEN.equals(request.getHeader("Authorization"))) {
        request = new jakarta.servlet.http.HttpServletRequestWrapper(request) {
          @Override
          public String getRemoteUser() {
            return "clerk-3";
          }

          @Override
          public java.security.Principal getUserPrincipal() {
            return () -> "clerk-3";
          }
        };
      }
      chain.doFilter(request, res);
    }
  }

  /** A provider endpoint: serves resources, refuses one, breaks on another, and calls an @Audited bean. */
  public static class ProviderServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      switch (request.getPathInfo()) {
        case "/resources/secret" -> response.sendError(HttpServletResponse.SC_FORBIDDEN);
        case "/resources/broken" -> throw new IllegalStateException("database down");
        case "/resources/bean" -> {
          try {
            Object result = new AuditedInterceptor().audit(
                new RealInvocationContext(new AuditedInterceptorTest.BirthRegistry(), "deliver", "B-9"));
            response.getWriter().print(result);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
        default -> response.getWriter().print("data of " + request.getPathInfo());
      }
    }
  }

  @TempDir
  Path dir;

  private AuditLog log;
  private Server server;
  private URI base;
  private final HttpClient http = HttpClient.newHttpClient();
  private final SubjectPseudonym subject = HmacSubjectPseudonymizer.withKey(new byte[32]).pseudonymize("p-2");

  @BeforeEach
  void startJetty() throws Exception {
    log = AuditLog.builder().directory(dir).origin("audit.filter.example").open();
    server = new Server(0);
    ServletContextHandler context = new ServletContextHandler("/provider");
    context.addServlet(new ServletHolder(new ProviderServlet()), "/api/*");
    context.addServlet(new ServletHolder(new ProviderServlet()), "/bare/*");
    context.addFilter(new FilterHolder(new LoginFilter()), "/*", EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
    context.addFilter(new FilterHolder(AuditFilter.builder(log).containerPrincipal(DEPARTMENT, "birth-portal").build()),
        "/api/*", EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
    context.addFilter(new FilterHolder(AuditFilter.builder(log).build()), "/bare/*",
        EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    base = URI.create("http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/provider/api");
  }

  @AfterEach
  void stopJetty() throws Exception {
    server.stop();
    log.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(base.getPath() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String[] caller(String... more) {
    String[] base = {"Authorization", TOKEN};
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void filter_recordsActorActionResourceOutcomeAndContextOfEachRequest() throws Exception {
    HttpResponse<String> ok = get("/resources/450200-HC-0001", caller(AuditFilter.CASE_ID_HEADER, "CASE-1",
        AuditFilter.MESSAGE_ID_HEADER, "MSG-1", AuditFilter.SUBJECT_HEADER, subject.hex()));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(get("/resources/secret", caller()).statusCode()).isEqualTo(403);
    assertThat(get("/resources/broken", caller()).statusCode()).isEqualTo(500);

    assertThat(log.size()).isEqualTo(3);
    AuditEvent first = log.read(0);
    assertThat(first.actor().departmentCode()).isEqualTo("11450200MB0000000T");
    assertThat(first.actor().system()).isEqualTo("birth-portal");
    assertThat(first.actor().operatorId()).contains("clerk-3");
    assertThat(first.action()).isEqualTo(AuditAction.DATA_ACCESS);
    assertThat(first.resourceCode()).contains("/api/resources/450200-HC-0001");
    assertThat(first.outcome()).isEqualTo(AuditOutcome.SUCCESS);
    assertThat(first.caseId()).contains("CASE-1");
    assertThat(first.messageId()).contains("MSG-1");
    assertThat(first.subject()).contains(subject);
    assertThat(log.read(1).outcome()).isEqualTo(AuditOutcome.DENIED);
    assertThat(log.read(2).outcome()).isEqualTo(AuditOutcome.FAILED);
    assertThat(log.findBySubject(subject, 0, 10)).hasSize(1);
  }

  @Test
  void filter_refusesAnUnidentifiedCallerWithoutReachingTheEndpointAndRecordsIt() throws Exception {
    HttpResponse<String> response = get("/resources/450200-HC-0001");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).doesNotContain("data of");
    assertThat(log.read(0).outcome()).isEqualTo(AuditOutcome.DENIED);
    assertThat(log.read(0).actor().departmentCode()).isEqualTo("unidentified");
  }

  @Test
  void filter_neverTakesTheActorFromCallerSuppliedHeaders() throws Exception {
    String[] forged = {"X-Shuqiao-Department", "11450200MB1111111Y", "X-Shuqiao-System", "forged-system",
        "X-Shuqiao-Operator", "mallory"};
    HttpResponse<String> unauthenticated = get("/resources/450200-HC-0001", forged);
    assertThat(unauthenticated.statusCode()).isEqualTo(401);
    assertThat(unauthenticated.body()).doesNotContain("data of");
    assertThat(log.read(0).actor().departmentCode()).isEqualTo("unidentified");

    HttpResponse<String> authenticated = get("/resources/450200-HC-0001", caller(forged));
    assertThat(authenticated.statusCode()).isEqualTo(200);
    assertThat(log.read(1).actor()).isEqualTo(dev.shuqiao.audit.Actor.of(DEPARTMENT, "birth-portal", "clerk-3"));
  }

  @Test
  void filter_withoutAnAuthenticatedSourceConfigured_refusesEvenALoggedInCaller() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base.toString().replace("/api", "/bare")
        + "/resources/450200-HC-0001")).headers(caller("X-Shuqiao-Department", "11450200MB1111111Y")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).doesNotContain("data of");
    assertThat(log.read(0).actor().departmentCode()).isEqualTo("unidentified");
  }

  @Test
  void filter_refusesAClearIdentityNumberInAnAuditHeader() throws Exception {
    HttpResponse<String> response = get("/resources/450200-HC-0001", caller(AuditFilter.CASE_ID_HEADER,
        "450202199001011234"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("data of");
    assertThat(log.read(0).outcome()).isEqualTo(AuditOutcome.DENIED);
    assertThat(log.read(0).caseId()).isEmpty();
  }

  @Test
  void filter_opensAScopeSoAuditedBeansRecordWithTheSameCallerAndCase() throws Exception {
    HttpResponse<String> response = get("/resources/bean", caller(AuditFilter.CASE_ID_HEADER, "CASE-9"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(log.size()).isEqualTo(2);
    assertThat(log.read(0).action()).isEqualTo(AuditAction.EXCHANGE_DELIVER);
    assertThat(log.read(0).caseId()).contains("CASE-9");
    assertThat(log.read(0).actor().operatorId()).contains("clerk-3");
    assertThat(log.read(1).action()).isEqualTo(AuditAction.DATA_ACCESS);
  }

  @Test
  void filter_answers503WhenTheAuditLogCannotRecord() throws Exception {
    log.close();
    HttpResponse<String> response = get("/resources/450200-HC-0001", caller());
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).doesNotContain("data of");
  }
}
