package dev.shuqiao.hub.internal.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shuqiao.catalog.ResourceFormat;
import dev.shuqiao.hub.internal.api.ApiServlet.ConsoleBackend;
import dev.shuqiao.hub.internal.service.CatalogService;
import dev.shuqiao.hub.internal.service.GrantService;
import dev.shuqiao.hub.internal.service.HubException;
import dev.shuqiao.hub.internal.store.GrantRow;
import dev.shuqiao.hub.internal.store.ResourceQuery;
import dev.shuqiao.hub.internal.store.ResourceRow;
import dev.shuqiao.hub.internal.store.ResourceVersionRow;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The console's pages (zh-CN), rendered from the hub's services as the signed-in official. */
final class Pages {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CHINA);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE_SIZE = 20;
  private static final Map<String, String> SHARING = Map.of("UNCONDITIONAL", "无条件共享", "CONDITIONAL", "有条件共享",
      "NOT_SHARED", "不予共享");
  private static final Map<String, String> STATUS = Map.of("PENDING", "待审批", "APPROVED", "已批准", "REFUSED", "已拒绝",
      "REVOKED", "已撤销", "EXPIRED", "已到期", "WITHDRAWN", "已撤回");
  private static final Map<String, String> FACETS = new LinkedHashMap<>();
  static {
    FACETS.put("provider", "提供方");
    FACETS.put("sharingType", "共享类型");
    FACETS.put("format", "格式");
    FACETS.put("classification", "分类");
  }

  static final String STYLE = """
      body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1d2433;background:#f5f6f8}
      header{background:#1d3f72;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center}
      header a{color:#fff}header form{margin-left:auto}main{padding:1rem 1.5rem;max-width:1200px}
      table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d6dae1;padding:.35rem .5rem;
      text-align:left;vertical-align:top}th{background:#eef1f5}.facets{display:flex;gap:1.5rem;flex-wrap:wrap}
      .facets ul{list-style:none;padding:0;margin:.2rem 0}.overdue{background:#fde8e8}.overdue .deadline{color:#b3261e;
      font-weight:bold}.error{color:#b3261e}.notice{color:#1b6e2d}textarea{width:100%}
      a:focus,button:focus,input:focus,textarea:focus{outline:3px solid #f0b400}
      """;

  private final ConsoleBackend backend;
  private final Officials officials;

  Pages(ConsoleBackend backend, Officials officials) {
    this.backend = backend;
    this.officials = officials;
  }

  // ---------------------------------------------------------------- layout

  private static String layout(String title, Official official, String csrf, String body) {
    Html h = new Html().raw("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").text(title)
        .raw(" · 数桥控制台</title><link rel=\"stylesheet\" href=\"" + ConsoleServlet.BASE + "/style.css\"></head><body><header>"
            + "<strong>数桥 · 政务数据共享控制台</strong>");
    if (official != null) {
      h.raw("<nav><a href=\"" + ConsoleServlet.BASE + "/catalog\">资源目录</a> · <a href=\"" + ConsoleServlet.BASE
          + "/applications\">申请与授权</a>");
      if (official.has(Official.Role.DEPT_ADMIN) || official.hubAdmin()) {
        h.raw(" · <a href=\"" + ConsoleServlet.BASE + "/officials\">工作人员</a>");
      }
      h.raw("</nav><span id=\"whoami\">").text(official.displayName()).raw("（").text(official.username()).raw("）</span>")
          .raw("<form method=\"post\" action=\"" + ConsoleServlet.BASE + "/sign-out\">").csrf(csrf)
          .raw("<button type=\"submit\" id=\"sign-out\">退出</button></form>");
    }
    return h.raw("</header><main><h1>").text(title).raw("</h1>").raw(body).raw("</main></body></html>").toString();
  }

  static String error(int status, String message) {
    return layout("出错了（" + status + "）", null, null, new Html().raw("<p class=\"error\" id=\"error\">").text(message)
        .raw("</p><p><a href=\"" + ConsoleServlet.BASE + "/\">返回控制台</a></p>").toString());
  }

  static String signIn(String preToken, String message) {
    Html h = new Html();
    if (message != null) {
      h.raw("<p class=\"error\" id=\"error\" role=\"alert\">").text(message).raw("</p>");
    }
    h.raw("<form method=\"post\" action=\"" + ConsoleServlet.BASE + "/sign-in\" id=\"sign-in\">").csrf(preToken)
        .raw("<p><label>用户名 <input name=\"username\" id=\"username\" autocomplete=\"username\" required autofocus></label></p>"
            + "<p><label>密码 <input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\" required></label></p>"
            + "<p><label>动态验证码（TOTP） <input name=\"code\" id=\"code\" inputmode=\"numeric\" pattern=\"[0-9]{6}\" "
            + "autocomplete=\"one-time-code\" required></label></p><p><button type=\"submit\">登录</button></p></form>");
    return layout("登录", null, null, h.toString());
  }

  // ---------------------------------------------------------------- catalog

  String catalog(ConsoleSessions.Session session, Official official, HttpServletRequest request) throws SQLException {
    String q = param(request, "q", 200);
    String provider = param(request, "provider", 18);
    String sharing = upperOneOf(param(request, "sharingType", 20), "sharingType", SHARING.keySet());
    String format = upperOneOf(param(request, "format", 40), "format",
        Arrays.stream(ResourceFormat.values()).map(Enum::name).collect(java.util.stream.Collectors.toSet()));
    String classification = param(request, "classification", 40);
    int page = pageNumber(request);
    Map<String, String> filters = new LinkedHashMap<>();
    putIf(filters, "q", q);
    putIf(filters, "provider", provider);
    putIf(filters, "sharingType", sharing);
    putIf(filters, "format", format);
    putIf(filters, "classification", classification);
    ResourceQuery query = new ResourceQuery(q, provider, sharing, classification, format, null, false,
        page * PAGE_SIZE, PAGE_SIZE + 1);
    return backend.db().inTransaction(c -> {
      CatalogService.SearchResult result = backend.catalog().search(c, query);
      Map<String, String> names = new HashMap<>();
      Html h = new Html().raw("<form method=\"get\" action=\"" + ConsoleServlet.BASE + "/catalog\" role=\"search\">"
          + "<label>关键词 <input name=\"q\" id=\"q\" value=\"").text(q).raw("\"></label>");
      filters.forEach((k, v) -> {
        if (!k.equals("q")) {
          h.raw("<input type=\"hidden\" name=\"").text(k).raw("\" value=\"").text(v).raw("\">");
        }
      });
      h.raw(" <button type=\"submit\" id=\"search\">搜索</button>");
      if (!filters.isEmpty()) {
        h.raw(" <a href=\"" + ConsoleServlet.BASE + "/catalog\" id=\"clear\">清除筛选</a>");
      }
      h.raw("</form><p id=\"total\">共 <strong>").text(Long.toString(result.total())).raw("</strong> 项资源</p>");
      h.raw("<div class=\"facets\">");
      for (Map.Entry<String, String> facet : FACETS.entrySet()) {
        Map<String, Long> counts = result.facets().getOrDefault(facet.getKey(), Map.of());
        h.raw("<section id=\"facet-").text(facet.getKey()).raw("\"><h2>").text(facet.getValue()).raw("</h2><ul>");
        for (Map.Entry<String, Long> value : counts.entrySet()) {
          Map<String, String> next = new LinkedHashMap<>(filters);
          next.put(facet.getKey(), value.getKey());
          boolean active = value.getKey().equals(filters.get(facet.getKey()));
          h.raw("<li><a href=\"").text(link("/catalog", next)).raw("\"" + (active ? " aria-current=\"true\"" : "") + ">")
              .text(label(c, facet.getKey(), value.getKey(), names)).raw("</a> (").text(Long.toString(value.getValue()))
              .raw(")</li>");
        }
        h.raw("</ul></section>");
      }
      h.raw("</div><table id=\"results\"><thead><tr><th>资源代码</th><th>资源名称</th><th>提供方</th><th>共享类型</th>"
          + "<th>格式</th><th>更新时间</th></tr></thead><tbody>");
      List<ResourceRow> items = result.items();
      for (ResourceRow r : items.subList(0, Math.min(items.size(), PAGE_SIZE))) {
        h.raw("<tr><td>").text(r.code()).raw("</td><td><a href=\"").text(link("/resource", Map.of("code", r.code())))
            .raw("\">").text(r.name()).raw("</a></td><td>").text(departmentName(c, r.providerCode(), names))
            .raw("</td><td>").text(SHARING.getOrDefault(r.sharingType(), r.sharingType())).raw("</td><td>")
            .text(formatLabel(r.format())).raw("</td><td>").text(TIME.format(r.updatedAt())).raw("</td></tr>");
      }
      h.raw("</tbody></table><p>");
      if (page > 0) {
        Map<String, String> prev = new LinkedHashMap<>(filters);
        prev.put("page", Integer.toString(page - 1));
        h.raw("<a href=\"").text(link("/catalog", prev)).raw("\" rel=\"prev\">上一页</a> ");
      }
      if (items.size() > PAGE_SIZE) {
        Map<String, String> next = new LinkedHashMap<>(filters);
        next.put("page", Integer.toString(page + 1));
        h.raw("<a href=\"").text(link("/catalog", next)).raw("\" rel=\"next\">下一页</a>");
      }
      h.raw("</p>");
      return layout("资源目录", official, session.csrfToken(), h.toString());
    });
  }

  String resource(ConsoleSessions.Session session, Official official, HttpServletRequest request) throws SQLException {
    String code = param(request, "code", 64);
    if (code == null) {
      throw HubException.badField("code", "缺少资源代码（code）");
    }
    return backend.db().inTransaction(c -> {
      ResourceRow r = backend.catalog().get(c, code);
      List<ResourceVersionRow> versions = backend.catalog().versions(c, code);
      Map<String, String> names = new HashMap<>();
      Html h = new Html().raw("<dl id=\"summary\"><dt>资源代码</dt><dd>").text(r.code()).raw("</dd><dt>提供方</dt><dd>")
          .text(departmentName(c, r.providerCode(), names)).raw("</dd><dt>共享类型</dt><dd id=\"sharing\">")
          .text(SHARING.getOrDefault(r.sharingType(), r.sharingType())).raw("</dd><dt>状态</dt><dd>")
          .text("ACTIVE".equals(r.status()) ? "有效" : "已停用").raw("</dd><dt>版本</dt><dd>")
          .text(Integer.toString(r.version())).raw("</dd></dl><h2>资源描述</h2>");
      JsonNode descriptor = readTree(r.descriptor());
      describe(h, descriptor);
      h.raw("<h2>版本历史</h2><table id=\"versions\"><thead><tr><th>版本</th><th>变更</th><th>操作方</th><th>时间</th></tr></thead><tbody>");
      for (ResourceVersionRow v : versions) {
        h.raw("<tr><td>").text(Integer.toString(v.version())).raw("</td><td>").text(v.changeKind()).raw("</td><td>")
            .text(departmentName(c, v.changedBy(), names)).raw("</td><td>").text(TIME.format(v.changedAt())).raw("</td></tr>");
      }
      h.raw("</tbody></table>");
      boolean canApply = "CONDITIONAL".equals(r.sharingType()) && "ACTIVE".equals(r.status())
          && official.has(Official.Role.APPROVER) && official.departmentCode() != null
          && !official.departmentCode().equals(r.providerCode());
      if (canApply) {
        h.raw("<h2>申请使用</h2><form method=\"post\" action=\"" + ConsoleServlet.BASE + "/applications\" id=\"apply\">")
            .csrf(session.csrfToken()).raw("<input type=\"hidden\" name=\"code\" value=\"").text(r.code()).raw("\">")
            .raw("<fieldset><legend>申请的信息项</legend>");
        for (JsonNode item : descriptor.path("items")) {
          h.raw("<label><input type=\"checkbox\" name=\"item\" value=\"").text(item.path("name").asText()).raw("\"> ")
              .text(item.path("name").asText()).raw("</label> ");
        }
        h.raw("</fieldset><p><label>用途（使用场景） <textarea name=\"purpose\" id=\"purpose\" required maxlength=\"2000\"></textarea></label></p>"
            + "<p><label>依据 <textarea name=\"legalBasis\" id=\"legalBasis\" required maxlength=\"2000\"></textarea></label></p>"
            + "<p><label>使用期限至 <input type=\"date\" name=\"until\" id=\"until\" required></label></p>"
            + "<p><button type=\"submit\">提交申请</button></p></form>");
      }
      return layout(r.name(), official, session.csrfToken(), h.toString());
    });
  }

  /** The descriptor, generically: scalars as text, objects as nested lists, arrays of objects as tables. */
  private static void describe(Html h, JsonNode node) {
    if (node.isObject()) {
      h.raw("<dl>");
      node.fields().forEachRemaining(field -> {
        h.raw("<dt>").text(field.getKey()).raw("</dt><dd>");
        describe(h, field.getValue());
        h.raw("</dd>");
      });
      h.raw("</dl>");
    } else if (node.isArray() && node.size() > 0 && node.get(0).isObject()) {
      Set<String> columns = new java.util.LinkedHashSet<>();
      node.forEach(row -> row.fieldNames().forEachRemaining(columns::add));
      h.raw("<table><thead><tr>");
      columns.forEach(col -> h.el("th", col));
      h.raw("</tr></thead><tbody>");
      for (JsonNode row : node) {
        h.raw("<tr>");
        for (String col : columns) {
          h.raw("<td>");
          if (row.has(col)) {
            describe(h, row.get(col));
          }
          h.raw("</td>");
        }
        h.raw("</tr>");
      }
      h.raw("</tbody></table>");
    } else if (node.isArray()) {
      h.raw("<ul>");
      node.forEach(v -> {
        h.raw("<li>");
        describe(h, v);
        h.raw("</li>");
      });
      h.raw("</ul>");
    } else {
      h.text(node.asText());
    }
  }

  // ---------------------------------------------------------------- applications and grants

  String applications(ConsoleSessions.Session session, Official official, String done) throws SQLException {
    return backend.db().inTransaction(c -> {
      Instant now = backend.clock().instant();
      Map<String, String> names = new HashMap<>();
      Html h = new Html();
      if (done != null && DONE.containsKey(done)) {
        h.raw("<p class=\"notice\" id=\"notice\" role=\"status\">").text(DONE.get(done)).raw("</p>");
      }
      boolean decides = official.has(Official.Role.APPROVER);
      if (official.hubAdmin() && official.departmentCode() == null) {
        h.raw("<h2>全部申请</h2>");
        grantTable(c, h, backend.grants().list(c, official.caller(), "all", null, false, 0, 200), now, names, null, "all");
        return layout("申请与授权", official, session.csrfToken(), h.toString());
      }
      h.raw("<h2>待我方审批</h2><p>提供方应在收到申请后 10 个工作日内作出决定；逾期的申请以红色标出。</p>");
      grantTable(c, h, backend.grants().list(c, official.caller(), "provider", "PENDING", false, 0, 200), now, names,
          decides ? session.csrfToken() : null, "inbox");
      h.raw("<h2>我方已批准的授权</h2>");
      grantTable(c, h, backend.grants().list(c, official.caller(), "provider", "APPROVED", false, 0, 200), now, names,
          decides ? session.csrfToken() : null, "approved");
      h.raw("<h2>我方提出的申请</h2>");
      grantTable(c, h, backend.grants().list(c, official.caller(), "consumer", null, false, 0, 200), now, names, null,
          "mine");
      return layout("申请与授权", official, session.csrfToken(), h.toString());
    });
  }

  private static final Map<String, String> DONE = Map.of("applied", "申请已提交。", "approved", "已批准该申请。",
      "refused", "已拒绝该申请。", "revoked", "已撤销该授权。");

  private void grantTable(Connection c, Html h, List<GrantRow> grants, Instant now, Map<String, String> names,
      String csrf, String id) throws SQLException {
    if (grants.isEmpty()) {
      h.raw("<p id=\"").text(id).raw("-empty\">暂无。</p>");
      return;
    }
    h.raw("<table id=\"").text(id).raw("\"><thead><tr><th>资源</th><th>申请方</th><th>提供方</th><th>信息项</th><th>用途与依据</th>"
        + "<th>期限</th><th>状态</th><th>决定期限</th>" + (csrf != null ? "<th>处理</th>" : "") + "</tr></thead><tbody>");
    for (GrantRow g : grants) {
      boolean overdue = g.overdue(now);
      String status = g.effectiveStatus(now);
      h.raw("<tr data-grant=\"").text(g.id()).raw("\"" + (overdue ? " class=\"overdue\"" : "") + "><td><a href=\"")
          .text(link("/resource", Map.of("code", g.resourceCode()))).raw("\">").text(g.resourceCode()).raw("</a></td><td>")
          .text(departmentName(c, g.consumerCode(), names)).raw("</td><td>").text(departmentName(c, g.providerCode(), names))
          .raw("</td><td>").text(String.join("、", g.items())).raw("</td><td>").text(g.purpose()).raw("<br><small>")
          .text(g.legalBasis()).raw("</small></td><td>").text(TIME.format(g.validFrom())).raw(" 至 ")
          .text(TIME.format(g.validUntil())).raw("</td><td class=\"status\">").text(STATUS.getOrDefault(status, status));
      if (g.reason() != null) {
        h.raw("<br><small class=\"reason\">理由：").text(g.reason()).raw("</small>");
      }
      h.raw("</td><td class=\"deadline\">").text(g.decideBy() == null ? "" : TIME.format(g.decideBy()))
          .raw(overdue ? "（已逾期）" : "").raw("</td>");
      if (csrf != null) {
        h.raw("<td>");
        if (status.equals("PENDING")) {
          decisionForm(h, csrf, g.id(), "approve", "批准", false);
          decisionForm(h, csrf, g.id(), "refuse", "拒绝", true);
        } else if (status.equals("APPROVED")) {
          decisionForm(h, csrf, g.id(), "revoke", "撤销", true);
        }
        h.raw("</td>");
      }
      h.raw("</tr>");
    }
    h.raw("</tbody></table>");
  }

  private static void decisionForm(Html h, String csrf, String grantId, String decision, String label, boolean reason) {
    h.raw("<form method=\"post\" action=\"" + ConsoleServlet.BASE + "/decisions\" class=\"").text(decision).raw("\">")
        .csrf(csrf).raw("<input type=\"hidden\" name=\"id\" value=\"").text(grantId)
        .raw("\"><input type=\"hidden\" name=\"decision\" value=\"").text(decision).raw("\">");
    if (reason) {
      h.raw("<label>书面理由（必填） <textarea name=\"reason\" required maxlength=\"2000\"></textarea></label>");
    }
    h.raw("<button type=\"submit\">").text(label).raw("</button></form>");
  }

  void apply(Official official, HttpServletRequest request) throws SQLException {
    require(official, Official.Role.APPROVER);
    String code = required(request, "code", 64);
    String[] items = request.getParameterValues("item");
    String until = required(request, "until", 10);
    LocalDate untilDate;
    try {
      untilDate = LocalDate.parse(until);
    } catch (java.time.format.DateTimeParseException e) {
      throw HubException.badField("until", "使用期限须为日期（yyyy-MM-dd）");
    }
    Instant now = backend.clock().instant();
    GrantService.Application application = new GrantService.Application(code, items == null ? List.of() : List.of(items),
        required(request, "purpose", 2000), required(request, "legalBasis", 2000), now,
        untilDate.plusDays(1).atStartOfDay(CHINA).toInstant());
    backend.db().inTransaction(c -> backend.grants().apply(c, official.caller(), application));
  }

  /** Approve, refuse or revoke through the grant service; returns what was done. */
  String decide(Official official, HttpServletRequest request) throws SQLException {
    String id = required(request, "id", 64);
    GrantService.Decision decision = switch (required(request, "decision", 10)) {
      case "approve" -> GrantService.Decision.APPROVE;
      case "refuse" -> GrantService.Decision.REFUSE;
      case "revoke" -> GrantService.Decision.REVOKE;
      default -> throw HubException.badField("decision", "decision 须为 approve、refuse 或 revoke");
    };
    if (!(official.hubAdmin() && decision == GrantService.Decision.REVOKE)) {
      require(official, Official.Role.APPROVER);
    }
    String reason = param(request, "reason", 2000);
    backend.db().inTransaction(c -> backend.grants().decide(c, official.caller(), id, decision, reason));
    return switch (decision) {
      case APPROVE -> "approved";
      case REFUSE -> "refused";
      case REVOKE -> "revoked";
    };
  }

  // ---------------------------------------------------------------- officials

  String officials(ConsoleSessions.Session session, Official official, Officials.Enrolment enrolled) throws SQLException {
    requireManager(official);
    return backend.db().inTransaction(c -> {
      Html h = new Html();
      if (enrolled != null) {
        h.raw("<section id=\"enrolment\"><h2>新工作人员的初始凭据（仅显示一次）</h2><dl><dt>用户名</dt><dd id=\"new-username\">")
            .text(enrolled.username()).raw("</dd><dt>初始密码</dt><dd id=\"new-password\">").text(enrolled.password())
            .raw("</dd><dt>TOTP 密钥</dt><dd id=\"new-secret\">").text(enrolled.totpSecret()).raw("</dd><dt>认证器链接</dt><dd>")
            .text(Totp.uri("Shuqiao hub", enrolled.username(), enrolled.totpSecret())).raw("</dd></dl></section>");
      }
      h.raw("<table id=\"officials\"><thead><tr><th>用户名</th><th>姓名</th><th>部门</th><th>角色</th></tr></thead><tbody>");
      for (Official o : officials.list(c, official.hubAdmin() ? null : official.departmentCode())) {
        h.raw("<tr><td>").text(o.username()).raw("</td><td>").text(o.displayName()).raw("</td><td>")
            .text(o.departmentCode() == null ? "" : o.departmentCode()).raw("</td><td>")
            .text(o.roles().stream().map(Enum::name).sorted().collect(java.util.stream.Collectors.joining(", ")))
            .raw("</td></tr>");
      }
      h.raw("</tbody></table><h2>新增工作人员</h2><form method=\"post\" action=\"" + ConsoleServlet.BASE
          + "/officials\" id=\"enrol\">").csrf(session.csrfToken())
          .raw("<p><label>用户名 <input name=\"username\" required pattern=\"[a-z0-9][a-z0-9._-]{1,63}\"></label></p>"
              + "<p><label>姓名 <input name=\"displayName\" required maxlength=\"200\"></label></p>");
      if (official.hubAdmin()) {
        h.raw("<p><label>部门统一社会信用代码 <input name=\"department\" maxlength=\"18\"></label></p>");
      }
      h.raw("<fieldset><legend>角色</legend><label><input type=\"checkbox\" name=\"role\" value=\"VIEWER\" checked> 查阅</label> "
          + "<label><input type=\"checkbox\" name=\"role\" value=\"APPROVER\"> 审批</label> "
          + "<label><input type=\"checkbox\" name=\"role\" value=\"DEPT_ADMIN\"> 部门管理员</label>");
      if (official.hubAdmin()) {
        h.raw(" <label><input type=\"checkbox\" name=\"role\" value=\"HUB_ADMIN\"> 平台管理员</label>");
      }
      h.raw("</fieldset><p><button type=\"submit\">新增</button></p></form>");
      return layout("工作人员", official, session.csrfToken(), h.toString());
    });
  }

  /** A department administrator enrols officials of the own department; a hub administrator, of any. */
  Officials.Enrolment enrol(Official official, HttpServletRequest request) throws SQLException {
    requireManager(official);
    Set<Official.Role> roles = EnumSet.noneOf(Official.Role.class);
    String[] given = request.getParameterValues("role");
    for (String role : given == null ? new String[0] : given) {
      try {
        roles.add(Official.Role.valueOf(role));
      } catch (IllegalArgumentException e) {
        throw HubException.badField("role", "未知角色");
      }
    }
    if (roles.contains(Official.Role.HUB_ADMIN) && !official.hubAdmin()) {
      throw HubException.forbidden("hub-admin-required", "只有平台管理员可以任命平台管理员");
    }
    String department = official.hubAdmin() ? param(request, "department", 18) : official.departmentCode();
    String username = required(request, "username", 64);
    String displayName = required(request, "displayName", 200);
    return backend.db().inTransaction(c -> {
      if (department != null) {
        backend.departments().get(c, department);
      }
      if (officials.find(c, username).isPresent()) {
        throw HubException.conflict("official-exists", "该用户名已存在");
      }
      Officials.Enrolment enrolment = officials.create(c, username, displayName, department, roles,
          backend.clock().instant());
      backend.auditor().console(official.caller(), dev.shuqiao.audit.AuditAction.CONSOLE_ENROL,
          dev.shuqiao.audit.AuditOutcome.SUCCESS, "enrol/" + username);
      return enrolment;
    });
  }

  // ---------------------------------------------------------------- helpers

  private static void requireManager(Official official) {
    if (!official.hubAdmin() && !official.has(Official.Role.DEPT_ADMIN)) {
      throw HubException.forbidden("dept-admin-required", "只有部门管理员或平台管理员可以管理工作人员");
    }
  }

  private static void require(Official official, Official.Role role) {
    if (!official.has(role) || official.departmentCode() == null) {
      throw HubException.forbidden("role-required", "此操作需要本部门的“审批”角色");
    }
  }

  private String departmentName(Connection c, String code, Map<String, String> cache) throws SQLException {
    if (code == null) {
      return "";
    }
    String cached = cache.get(code);
    if (cached != null) {
      return cached;
    }
    String name;
    try {
      name = backend.departments().get(c, code).row().name();
    } catch (HubException e) {
      name = code;
    }
    cache.put(code, name);
    return name;
  }

  private String label(Connection c, String facet, String value, Map<String, String> names) throws SQLException {
    return switch (facet) {
      case "provider" -> departmentName(c, value, names);
      case "sharingType" -> SHARING.getOrDefault(value, value);
      case "format" -> formatLabel(value);
      default -> value;
    };
  }

  private static String formatLabel(String name) {
    try {
      return ResourceFormat.valueOf(name).chinese();
    } catch (IllegalArgumentException e) {
      return name;
    }
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("stored descriptor unreadable", e);
    }
  }

  static String link(String path, Map<String, String> params) {
    StringBuilder b = new StringBuilder(ConsoleServlet.BASE).append(path);
    char sep = '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      b.append(sep).append(Html.query(e.getKey())).append('=').append(Html.query(e.getValue()));
      sep = '&';
    }
    return b.toString();
  }

  private static void putIf(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** A trimmed parameter, null when absent or blank; longer than {@code max} is a 400 naming it. */
  private static String param(HttpServletRequest request, String name, int max) {
    String value = request.getParameter(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    value = value.strip();
    if (value.length() > max) {
      throw HubException.badField(name, name + " 最长 " + max + " 个字符");
    }
    return value;
  }

  private static String required(HttpServletRequest request, String name, int max) {
    String value = param(request, name, max);
    if (value == null) {
      throw HubException.badField(name, "缺少必填项 " + name);
    }
    return value;
  }

  private static String upperOneOf(String value, String name, Set<String> allowed) {
    if (value == null) {
      return null;
    }
    String upper = value.toUpperCase(java.util.Locale.ROOT);
    if (!allowed.contains(upper)) {
      throw HubException.badField(name, name + " 须为 " + String.join("、", new java.util.TreeSet<>(allowed)) + " 之一");
    }
    return upper;
  }

  private static int pageNumber(HttpServletRequest request) {
    String value = request.getParameter("page");
    if (value == null) {
      return 0;
    }
    try {
      int page = Integer.parseInt(value);
      if (page < 0 || page > 10_000) {
        throw new NumberFormatException();
      }
      return page;
    } catch (NumberFormatException e) {
      throw HubException.badField("page", "page 须为 0 到 10000 之间的整数");
    }
  }
}
