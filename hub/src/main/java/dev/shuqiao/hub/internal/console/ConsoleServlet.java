package dev.shuqiao.hub.internal.console;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.hub.internal.api.ApiServlet.ConsoleBackend;
import dev.shuqiao.hub.internal.service.HubException;
import dev.shuqiao.hub.internal.service.Caller;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console under {@code /console}: server-rendered pages, no script. Routes, one table:
 *
 * <pre>
 * GET  /console                 → the catalog, or the sign-in page
 * GET  /console/sign-in         sign-in form (password + TOTP)
 * POST /console/sign-in         sign in; a new session cookie
 * POST /console/sign-out        end the session
 * GET  /console/catalog         search with facet counts
 * GET  /console/resource?code=  resource detail, version history, apply form
 * GET  /console/applications    provider's inbox, approved grants, the department's own applications
 * POST /console/applications    apply for a conditional resource
 * POST /console/decisions       approve, refuse (reason required) or revoke (reason required)
 * GET  /console/officials       the department's officials (department or hub administrators)
 * POST /console/officials       enrol an official: initial password and TOTP secret, shown once
 * </pre>
 *
 * Every POST carries the session's CSRF token ({@code _csrf}); the sign-in form a double-submit
 * token. Business rules stay in the hub's services: the console calls them as the official.
 */
public final class ConsoleServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);
  static final String SESSION_COOKIE = "sq_console";
  static final String PRE_COOKIE = "sq_console_pre";
  static final String BASE = "/console";
  /** The largest form accepted: a reason or purpose is at most 2000 characters. */
  static final int MAX_FORM_BYTES = 64 * 1024;

  private final transient ConsoleBackend backend;
  private final transient Officials officials;
  private final transient ConsoleSessions sessions;
  private final transient Pages pages;

  public ConsoleServlet(ConsoleBackend backend) {
    this.backend = backend;
    SecureRandom random = new SecureRandom();
    this.officials = new Officials(random);
    this.sessions = new ConsoleSessions(random);
    this.pages = new Pages(backend, officials);
  }

  /**
   * Creates hub administrator {@code username} unless an official of that name exists, writing its
   * initial password and TOTP secret to {@code secretsFile} (owner-only) — never to the log.
   *
   * @return true if the administrator was created now
   */
  public static boolean bootstrapAdmin(ConsoleBackend backend, String username, Path secretsFile) {
    Officials officials = new Officials(new SecureRandom());
    try {
      Optional<Officials.Enrolment> created = backend.db().inTransaction(c -> {
        if (officials.find(c, username).isPresent()) {
          return Optional.empty();
        }
        Officials.Enrolment enrolment = officials.create(c, username, "Hub administrator", null,
            EnumSet.of(Official.Role.HUB_ADMIN), backend.clock().instant());
        backend.auditor().console(Caller.official(Official.HUB, true, username), AuditAction.CONSOLE_ENROL,
            AuditOutcome.SUCCESS, "enrol/" + username);
        return Optional.of(enrolment);
      });
      if (created.isEmpty()) {
        return false;
      }
      Officials.Enrolment e = created.get();
      String text = "# Shuqiao hub console administrator. Move these out of this file, then delete it.\n"
          + "username: " + e.username() + "\npassword: " + e.password() + "\ntotpSecret: " + e.totpSecret()
          + "\ntotpUri: " + Totp.uri("Shuqiao hub", e.username(), e.totpSecret()) + "\n";
      Files.createDirectories(secretsFile.toAbsolutePath().getParent());
      Files.deleteIfExists(secretsFile);
      try {
        Files.createFile(secretsFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(secretsFile);
      }
      Files.writeString(secretsFile, text, StandardCharsets.UTF_8);
      LOG.info("console administrator {} created; its initial password and TOTP secret are in {}", username, secretsFile);
      return true;
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("cannot create the console administrator: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("console administrator: " + e.getMessage(), e);
    }
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    securityHeaders(response);
    String path = request.getRequestURI().substring(BASE.length());
    String route = request.getMethod() + " " + (path.isEmpty() ? "/" : path);
    try {
      request.setCharacterEncoding("UTF-8");
      if (request.getContentLengthLong() > MAX_FORM_BYTES) {
        // Read what a browser already sent (bounded) so the answer is not lost in a connection reset.
        if (request.getContentLengthLong() <= 1 << 20) {
          request.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        }
        throw new HubException(413, "form-too-large", "Form too large", "提交的内容过大（上限 64 KiB）。");
      }
      switch (route) {
        case "GET /" -> redirect(response, current(request).isPresent() ? "/catalog" : "/sign-in");
        case "GET /style.css" -> send(response, 200, "text/css", Pages.STYLE);
        case "GET /sign-in" -> signInForm(response, null, 200);
        case "POST /sign-in" -> signIn(request, response);
        case "POST /sign-out" -> signedIn(request, response, (s, o) -> signOut(request, response, o));
        case "GET /catalog" -> signedIn(request, response, (s, o) -> html(response, 200, pages.catalog(s, o, request)));
        case "GET /resource" -> signedIn(request, response, (s, o) -> html(response, 200, pages.resource(s, o, request)));
        case "GET /applications" -> signedIn(request, response, (s, o) -> html(response, 200,
            pages.applications(s, o, request.getParameter("done"))));
        case "POST /applications" -> signedIn(request, response, (s, o) -> {
          pages.apply(o, request);
          redirect(response, "/applications?done=applied");
        });
        case "POST /decisions" -> signedIn(request, response, (s, o) -> redirect(response,
            "/applications?done=" + pages.decide(o, request)));
        case "GET /officials" -> signedIn(request, response, (s, o) -> html(response, 200, pages.officials(s, o, null)));
        case "POST /officials" -> signedIn(request, response, (s, o) -> html(response, 201,
            pages.officials(s, o, pages.enrol(o, request))));
        default -> throw new HubException(404, "no-such-page", "No such page", "没有这个页面");
      }
    } catch (HubException e) {
      html(response, e.status(), Pages.error(e.status(), e.getMessage()));
    } catch (org.eclipse.jetty.http.BadMessageException e) {
      // Jetty's own form limits (e.g. a chunked form over its maximum): the client's mistake.
      html(response, e.getCode() >= 400 && e.getCode() < 500 ? e.getCode() : 400, Pages.error(400, "请求格式不正确或内容过大。"));
    } catch (IllegalArgumentException e) {
      html(response, 400, Pages.error(400, e.getMessage()));
    } catch (SQLException | RuntimeException e) {
      LOG.error("console request {} failed", route, e);
      html(response, 500, Pages.error(500, "服务器内部错误，请稍后重试。"));
    }
  }

  /** What a signed-in page does, given the session and the official. */
  @FunctionalInterface
  private interface SignedIn {
    void handle(ConsoleSessions.Session session, Official official) throws IOException, SQLException;
  }

  /**
   * Runs {@code page} for the official of the request's session, or sends the sign-in page (GET) or
   * 401 (POST). A POST must carry the session's CSRF token and, if the browser sent an Origin, come
   * from this host.
   */
  private void signedIn(HttpServletRequest request, HttpServletResponse response, SignedIn page)
      throws IOException, SQLException {
    Optional<ConsoleSessions.Session> session = current(request);
    Optional<Official> official = session.isEmpty() ? Optional.empty()
        : backend.db().inTransaction(c -> officials.find(c, session.get().username()));
    if (official.isEmpty()) {
      if (request.getMethod().equals("GET")) {
        redirect(response, "/sign-in");
      } else {
        html(response, 401, Pages.error(401, "会话已过期或未登录，请重新登录。"));
      }
      return;
    }
    if (request.getMethod().equals("POST")) {
      requireSameOrigin(request);
      if (!tokenMatches(session.get().csrfToken(), request.getParameter("_csrf"))) {
        throw new HubException(403, "csrf", "CSRF token missing or wrong", "请求缺少有效的 CSRF 令牌，已拒绝。请刷新页面后重试。");
      }
    }
    page.handle(session.get(), official.get());
  }

  private Optional<ConsoleSessions.Session> current(HttpServletRequest request) throws SQLException {
    String value = cookie(request, SESSION_COOKIE);
    if (value == null) {
      return Optional.empty();
    }
    return backend.db().inTransaction(c -> sessions.find(c, value, backend.clock().instant()));
  }

  private void signInForm(HttpServletResponse response, String message, int status) throws IOException {
    String token = sessions.token();
    response.addHeader("Set-Cookie", PRE_COOKIE + "=" + token + "; Path=" + BASE + "; HttpOnly; SameSite=Strict");
    html(response, status, Pages.signIn(token, message));
  }

  private void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException, SQLException {
    requireSameOrigin(request);
    String pre = cookie(request, PRE_COOKIE);
    if (pre == null || !tokenMatches(pre, request.getParameter("_csrf"))) {
      throw new HubException(403, "csrf", "CSRF token missing or wrong", "登录请求缺少有效的 CSRF 令牌，已拒绝。请刷新页面后重试。");
    }
    String username = Optional.ofNullable(request.getParameter("username")).orElse("").strip();
    String password = Optional.ofNullable(request.getParameter("password")).orElse("");
    String code = Optional.ofNullable(request.getParameter("code")).orElse("").strip();
    if (username.length() > 64 || password.length() > 1024) {
      signInForm(response, "用户名、密码或动态验证码不正确。", 401);
      return;
    }
    Officials.SignIn result = backend.db().inTransaction(c -> {
      Officials.SignIn r = officials.signIn(c, username, password, code, backend.clock().instant());
      if (r instanceof Officials.SignIn.Success s) {
        backend.auditor().console(s.official().caller(), AuditAction.CONSOLE_SIGN_IN, AuditOutcome.SUCCESS, "sign-in");
      } else if (r instanceof Officials.SignIn.Failure f && f.known() != null) {
        backend.auditor().console(f.known().caller(), AuditAction.CONSOLE_SIGN_IN, AuditOutcome.DENIED, "sign-in");
      } else if (r instanceof Officials.SignIn.Locked l) {
        backend.auditor().console(l.known().caller(), AuditAction.CONSOLE_SIGN_IN, AuditOutcome.DENIED, "sign-in-locked");
      }
      return r;
    });
    if (result instanceof Officials.SignIn.Success s) {
      ConsoleSessions.Opened opened = backend.db().inTransaction(c -> sessions.open(c, s.official().username(),
          backend.clock().instant()));
      response.addHeader("Set-Cookie", SESSION_COOKIE + "=" + opened.cookieValue() + "; Path=" + BASE
          + "; HttpOnly; SameSite=Strict" + (request.isSecure() ? "; Secure" : ""));
      response.addHeader("Set-Cookie", PRE_COOKIE + "=; Path=" + BASE + "; Max-Age=0; HttpOnly; SameSite=Strict");
      redirect(response, "/catalog");
    } else if (result instanceof Officials.SignIn.Locked) {
      signInForm(response, "连续登录失败次数过多，账户已暂时锁定，请稍后再试或联系管理员。", 429);
    } else {
      signInForm(response, "用户名、密码或动态验证码不正确。", 401);
    }
  }

  private void signOut(HttpServletRequest request, HttpServletResponse response, Official official)
      throws IOException, SQLException {
    backend.db().inTransaction(c -> {
      sessions.close(c, cookie(request, SESSION_COOKIE));
      backend.auditor().console(official.caller(), AuditAction.CONSOLE_SIGN_OUT, AuditOutcome.SUCCESS, "sign-out");
      return null;
    });
    response.addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=" + BASE + "; Max-Age=0; HttpOnly; SameSite=Strict");
    redirect(response, "/sign-in");
  }

  /** A browser's Origin (sent on every POST by current browsers) must name this host. */
  private static void requireSameOrigin(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return;
    }
    String host = request.getHeader("Host");
    String authority = origin.replaceFirst("^[a-z]+://", "");
    if (host == null || !authority.equalsIgnoreCase(host)) {
      throw new HubException(403, "cross-origin", "Cross-origin request", "跨站请求已拒绝。");
    }
  }

  static boolean tokenMatches(String expected, String given) {
    return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static String cookie(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie cookie : cookies) {
      if (cookie.getName().equals(name)) {
        return cookie.getValue();
      }
    }
    return null;
  }

  private static void securityHeaders(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
        + " frame-ancestors 'none'; base-uri 'none'");
    response.setHeader("X-Content-Type-Options", "nosniff");
    // same-origin, not no-referrer: under no-referrer Chrome sends "Origin: null" on our own forms.
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Frame-Options", "DENY");
  }

  private static void redirect(HttpServletResponse response, String to) {
    response.setStatus(303);
    response.setHeader("Location", BASE + to);
  }

  private static void html(HttpServletResponse response, int status, String page) throws IOException {
    send(response, status, "text/html", page);
  }

  private static void send(HttpServletResponse response, int status, String type, String body) throws IOException {
    response.setStatus(status);
    response.setContentType(type + "; charset=UTF-8");
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }

}
