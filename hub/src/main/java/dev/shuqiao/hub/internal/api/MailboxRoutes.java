package dev.shuqiao.hub.internal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.hub.internal.service.HubException;
import dev.shuqiao.hub.internal.service.MailboxService;
import dev.shuqiao.hub.internal.store.MailboxRow;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The mailbox's routes (docs/bulk.md §2), one line each:
 *
 * <pre>
 * POST   /v1/mailbox/uploads        provider  create (JSON)                      → 201 / 200 again
 * HEAD   /v1/mailbox/uploads/{id}   provider  Upload-Offset, Upload-Length       → 200
 * PATCH  /v1/mailbox/uploads/{id}   provider  one chunk at Upload-Offset          → 204
 * DELETE /v1/mailbox/uploads/{id}   provider  abandon                             → 204
 * GET    /v1/mailbox                consumer  READY deliveries (JSON page)        → 200
 * GET    /v1/mailbox/{id}           consumer  the sealed stream, Range: bytes=n-  → 200 / 206
 * POST   /v1/mailbox/{id}/ack       consumer  acknowledge (JSON)                  → 200
 * </pre>
 */
final class MailboxRoutes {

  static final String CHUNK_TYPE = "application/offset+octet-stream";
  private static final Set<String> CREATE_MEMBERS = Set.of("messageId", "consumer", "resourceCode", "items", "purpose",
      "grantId", "caseId", "size", "digest");
  private static final int BUFFER = 64 * 1024;

  private final MailboxService mailbox;

  MailboxRoutes(MailboxService mailbox) {
    this.mailbox = mailbox;
  }

  /** The handler of {@code /v1/mailbox...}, or null for no such endpoint. */
  Handler find(String method, List<String> s, int n) {
    mailbox.requireEnabled();
    if (n == 2) {
      return Routes.only(method, "GET", (Handler.Untransacted) this::list);
    }
    if (n == 3 && s.get(2).equals("uploads")) {
      return Routes.only(method, "POST", (Handler.Untransacted) this::create);
    }
    if (n == 4 && s.get(2).equals("uploads")) {
      return switch (method) {
        case "HEAD" -> (Handler.Streaming) this::head;
        case "PATCH" -> (Handler.Streaming) this::patch;
        case "DELETE" -> (Handler.Untransacted) call -> {
          mailbox.abandon(call.caller(), id(call.segment(3)));
          return new Reply(204, null);
        };
        default -> Routes.notAllowed();
      };
    }
    if (n == 3) {
      return Routes.only(method, "GET", (Handler.Streaming) this::download);
    }
    if (n == 4 && s.get(3).equals("ack")) {
      return Routes.only(method, "POST", (Handler.Untransacted) this::acknowledge);
    }
    return null;
  }

  private Reply create(Call call) throws java.sql.SQLException {
    call.caller().requireDepartment();
    Body body = Body.parseStrict(call.body(), CREATE_MEMBERS);
    String messageId = body.uuid("messageId").toString();
    List<String> items = body.distinctTextList("items", 500, 200);
    for (int i = 0; i < items.size(); i++) {
      Routes.plain("items[" + i + "]", items.get(i));
    }
    long size = body.optionalLong("size", -1, 1, Long.MAX_VALUE);
    if (size < 0) {
      throw HubException.badField("size", "size (the sealed stream's length in bytes, at least 1) is required");
    }
    MailboxService.Created created = mailbox.create(call.caller(), new MailboxService.Creation(messageId,
        Routes.plain("consumer", body.text("consumer", 18)), Routes.plain("resourceCode", body.text("resourceCode", 64)),
        items, Routes.plain("purpose", body.text("purpose", 2000)), Routes.nonBlank(body, "grantId", 256),
        Routes.nonBlank(body, "caseId", 256), size, digest(body.text("digest", 60))));
    return new Reply(created.created() ? 201 : 200, upload(created.row()));
  }

  /** {@code sha-256:} and 43 base64url characters (32 bytes, canonical: the unused bits zero). */
  static String digest(String value) {
    String encoded = value.startsWith(MailboxService.DIGEST_PREFIX)
        ? value.substring(MailboxService.DIGEST_PREFIX.length()) : "";
    boolean ok = encoded.length() == 43 && encoded.matches("[A-Za-z0-9_-]+");
    if (ok) {
      byte[] bytes = Base64.getUrlDecoder().decode(encoded);
      ok = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(encoded);
    }
    if (!ok) {
      throw HubException.badField("digest", "digest is sha-256: followed by the base64url (no padding) of 32 bytes");
    }
    return value;
  }

  private void head(Handler.Streamed x) throws java.sql.SQLException {
    MailboxRow row = mailbox.status(x.call().caller(), id(x.call().segment(3)));
    offsetHeaders(x.response(), row);
    x.response().setHeader("Cache-Control", "no-store");
    x.response().setStatus(200);
  }

  private void patch(Handler.Streamed x) throws java.sql.SQLException, IOException {
    HttpServletRequest request = x.request();
    String type = request.getContentType();
    if (type == null || !type.split(";")[0].trim().toLowerCase(Locale.ROOT).equals(CHUNK_TYPE)) {
      throw new HubException(415, "unsupported-media-type", "Unsupported Content-Type",
          "a chunk is sent as " + CHUNK_TYPE);
    }
    long offset = headerLong(request, "Upload-Offset", 0);
    long length = request.getContentLengthLong();
    if (length < 1) {
      throw new HubException(411, "length-required", "Content-Length required",
          "a chunk declares its Content-Length (1 byte or more); chunked transfer coding is not accepted");
    }
    long max = mailbox.settings().maxChunkBytes();
    if (length > max) {
      throw new HubException(413, "body-too-large", "The chunk is too large", "a chunk is at most " + max + " bytes");
    }
    MailboxRow row;
    try (InputStream body = request.getInputStream()) {
      row = mailbox.append(x.call().caller(), id(x.call().segment(3)), offset, length, body, x.declaredSha256());
    }
    offsetHeaders(x.response(), row);
    x.response().setStatus(204);
  }

  private static void offsetHeaders(HttpServletResponse response, MailboxRow row) {
    response.setHeader("Upload-Offset", Long.toString(row.committedOffset()));
    response.setHeader("Upload-Length", Long.toString(row.size()));
    response.setHeader("Upload-State", row.state());
  }

  private Reply list(Call call) throws java.sql.SQLException {
    String after = call.param("after");
    int size = call.size();
    List<MailboxRow> rows = mailbox.list(call.caller(), after == null ? null : id(after), size + 1);
    ObjectNode node = Body.JSON.createObjectNode();
    var items = node.putArray("items");
    rows.stream().limit(size).forEach(r -> items.add(delivery(r)));
    if (rows.size() > size) {
      node.put("next", rows.get(size - 1).messageId());
    } else {
      node.putNull("next");
    }
    return Reply.ok(node);
  }

  private void download(Handler.Streamed x) throws java.sql.SQLException, IOException {
    MailboxService.Download d = mailbox.download(x.call().caller(), id(x.call().segment(2)));
    long size = d.row().size();
    long from = 0;
    long to = size - 1;
    String range = x.request().getHeader("Range");
    HttpServletResponse response = x.response();
    if (range != null) {
      long[] r = range(range, size);
      if (r == null) {
        response.setHeader("Content-Range", "bytes */" + size);
        throw new HubException(416, "range-not-satisfiable", "Range not satisfiable",
            "the delivery is " + size + " bytes; ask for bytes=<from>- with from below that");
      }
      from = r[0];
      to = r[1];
      response.setStatus(206);
      response.setHeader("Content-Range", "bytes " + from + "-" + to + "/" + size);
    } else {
      response.setStatus(200);
    }
    response.setContentType("application/octet-stream");
    response.setHeader("Accept-Ranges", "bytes");
    response.setHeader("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(
        MailboxService.sha256Of(d.row().digest())) + ":");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLengthLong(to - from + 1);
    try (FileChannel file = FileChannel.open(d.file(), StandardOpenOption.READ)) {
      OutputStream out = response.getOutputStream();
      InputStream in = Channels.newInputStream(file.position(from));
      byte[] buffer = new byte[BUFFER];
      long left = to - from + 1;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("a sealed delivery is shorter than its recorded size");
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    } catch (NoSuchFileException e) {
      // Acknowledged (deleted) between the lookup and the open.
      throw HubException.notFound("delivery");
    }
  }

  /** {@code bytes=<from>-} or {@code bytes=<from>-<to>}, one range; null when not satisfiable. */
  static long[] range(String header, long size) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytes=(\\d{1,18})-(\\d{0,18})").matcher(header.trim());
    if (!m.matches()) {
      throw HubException.badField("Range", "Range is bytes=<from>- or bytes=<from>-<to> (one range)");
    }
    long from = Long.parseLong(m.group(1));
    long to = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
    return from < size && from <= to ? new long[] {from, to} : null;
  }

  private Reply acknowledge(Call call) throws java.sql.SQLException {
    Body body = Body.parseStrict(call.body(), Set.of("digest"));
    MailboxRow row = mailbox.acknowledge(call.caller(), id(call.segment(2)), digest(body.text("digest", 60)));
    return Reply.ok(Body.JSON.createObjectNode().put("messageId", row.messageId()).put("state", row.state()));
  }

  private static ObjectNode upload(MailboxRow row) {
    return delivery(row).put("offset", row.committedOffset()).put("state", row.state());
  }

  static ObjectNode delivery(MailboxRow r) {
    ObjectNode node = Body.JSON.createObjectNode();
    node.put("messageId", r.messageId());
    node.put("provider", r.providerCode());
    node.put("consumer", r.consumerCode());
    node.put("resourceCode", r.resourceCode());
    var items = node.putArray("items");
    r.items().forEach(items::add);
    node.put("grantId", r.grantId());
    node.put("caseId", r.caseId());
    node.put("purpose", r.purpose());
    node.put("size", r.size());
    node.put("digest", r.digest());
    node.put("createdAt", r.createdAt().toString());
    node.put("expiresAt", r.expiresAt().toString());
    return node;
  }

  private static String id(String segment) {
    return Routes.pathUuid(segment).toString();
  }

  private static long headerLong(HttpServletRequest request, String name, long min) {
    String value = request.getHeader(name);
    if (value == null || !value.matches("\\d{1,18}") || Long.parseLong(value) < min) {
      throw HubException.badField(name, name + " is a decimal byte count");
    }
    return Long.parseLong(value);
  }
}
