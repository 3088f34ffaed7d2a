package dev.shuqiao.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.client.model.MailboxEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * The HTTP side of mailbox transfers (docs/bulk.md §2): creating an upload, sending a file in
 * chunks from wherever the hub says it stands (after a dropped connection or a hub restart, {@code
 * HEAD} tells the committed offset), downloading with {@code Range} from where a partial file
 * ends. Memory per transfer is one 64 KiB buffer: chunks stream from the file, their digests are
 * computed in a read of their own before they are sent.
 */
final class MailboxTransfer {

  static final MediaType CHUNK = MediaType.get("application/offset+octet-stream");
  private static final int BUFFER = 64 * 1024;

  private final Transport transport;

  MailboxTransfer(Transport transport) {
    this.transport = transport;
  }

  /** {@code POST /v1/mailbox/uploads}; returns the hub's answer (201, or 200 for the same upload again). */
  JsonNode create(ObjectNode body) {
    return Codec.tree(transport.call("POST", List.of("v1", "mailbox", "uploads"), Map.of(), Codec.bytes(body),
        Transport.JSON));
  }

  /** The hub's state of an upload: committed offset, size, state. */
  record Status(long offset, long size, String state) {
    boolean ready() {
      return "READY".equals(state);
    }
  }

  /**
   * Sends {@code file} from the hub's committed offset to its end, chunk by chunk. Failures that
   * leave the hub's state unknown (I/O errors, 5xx, 409 {@code upload-offset} / {@code
   * upload-in-progress}) are answered by asking {@code HEAD} and continuing from there, up to the
   * retry options' budget of consecutive failures; any other refusal is thrown.
   */
  Status upload(String messageId, Path file, long startOffset, int chunkBytes, TransferProgress progress) {
    long size = sizeOf(file);
    long offset = startOffset;
    int failures = 0;
    String requestId = UUID.randomUUID().toString();
    Status status = new Status(offset, size, "UPLOADING");
    progress.update(offset, size);
    while (offset < size) {
      long length = Math.min(chunkBytes, size - offset);
      try {
        status = patch(messageId, file, offset, length, requestId);
        if (status.offset() <= offset) {
          throw new ShuqiaoException("the hub did not advance the upload", 0, "upload-stalled", requestId, null);
        }
        offset = status.offset();
        failures = 0;
        progress.update(offset, size);
        continue;
      } catch (IOException e) {
        // The connection dropped (or the hub went away) mid-chunk: ask where the upload stands.
      } catch (ShuqiaoException e) {
        boolean unknownState = e.status() >= 500 || e.status() == 0 || (e.status() == 409
            && (e.type().equals("upload-offset") || e.type().equals("upload-in-progress")))
            || (e.status() == 400 && e.type().equals("incomplete-body"));
        if (!unknownState) {
          throw e;
        }
      }
      if (++failures > transport.retryOptions().maxRetries()) {
        throw new ShuqiaoException("the upload of " + messageId + " made no progress after " + failures
            + " attempts; deliver it again later to resume", 0, "transport", requestId, null);
      }
      transport.backoffPause(failures, requestId);
      try {
        status = head(messageId);
        offset = status.offset();
        progress.update(offset, size);
      } catch (ShuqiaoException e) {
        if (e.status() != 0 && e.status() < 500) {
          throw e;
        }
        // Still unreachable: the next attempt's failure counts against the budget.
      }
    }
    if (!status.ready()) {
      status = head(messageId);
    }
    return status;
  }

  /** {@code HEAD /v1/mailbox/uploads/{id}}, retried as every call. */
  Status head(String messageId) {
    String requestId = UUID.randomUUID().toString();
    for (int attempt = 0; ; attempt++) {
      Request request = new Request.Builder().url(transport.url(List.of("v1", "mailbox", "uploads", messageId), Map.of()))
          .head().header("X-Request-Id", requestId).build();
      try (Response response = transport.executeOnce(request)) {
        if (response.isSuccessful()) {
          return status(response);
        }
        ShuqiaoException problem = Problems.from(response.code(), bytes(response), requestId);
        if (response.code() != 503 || attempt >= transport.retryOptions().maxRetries()) {
          throw problem;
        }
      } catch (IOException e) {
        if (attempt >= transport.retryOptions().maxRetries()) {
          throw new ShuqiaoException("cannot reach the hub: " + e.getMessage(), 0, "transport", requestId, e);
        }
      }
      transport.backoffPause(attempt + 1, requestId);
    }
  }

  private Status patch(String messageId, Path file, long offset, long length, String requestId) throws IOException {
    byte[] sha256 = sha256(file, offset, length);
    Request request = new Request.Builder().url(transport.url(List.of("v1", "mailbox", "uploads", messageId), Map.of()))
        .patch(new FileRegion(file, offset, length)).header("Upload-Offset", Long.toString(offset))
        .header("X-Request-Id", requestId)
        .tag(RequestSigner.StreamedBody.class, RequestSigner.StreamedBody.ofSha256(sha256)).build();
    try (Response response = transport.executeOnce(request)) {
      if (response.code() == 204) {
        return status(response);
      }
      throw Problems.from(response.code(), bytes(response), requestId);
    }
  }

  private static Status status(Response response) {
    try {
      return new Status(Long.parseLong(response.header("Upload-Offset", "")),
          Long.parseLong(response.header("Upload-Length", "")), response.header("Upload-State", ""));
    } catch (NumberFormatException e) {
      throw new ShuqiaoException("the hub's answer lacks Upload-Offset or Upload-Length", response.code(),
          "unreadable-response", null, e);
    }
  }

  /** One page of READY deliveries after {@code after} (null: from the first); the next page's key in {@code next}. */
  record Listing(List<MailboxEntry> items, String next) {}

  Listing list(String after) {
    Map<String, String> query = after == null ? Map.of("size", "100") : Map.of("size", "100", "after", after);
    JsonNode page = Codec.tree(transport.call("GET", List.of("v1", "mailbox"), query, null, null));
    List<MailboxEntry> items = new ArrayList<>();
    for (JsonNode d : page.path("items")) {
      List<String> names = new ArrayList<>();
      d.path("items").forEach(i -> names.add(i.asText()));
      items.add(new MailboxEntry(d.path("messageId").asText(), d.path("provider").asText(), d.path("consumer").asText(),
          d.path("resourceCode").asText(), names, text(d, "grantId"), text(d, "caseId"), d.path("purpose").asText(),
          d.path("size").asLong(), d.path("digest").asText(), Instant.parse(d.path("createdAt").asText()),
          Instant.parse(d.path("expiresAt").asText())));
    }
    return new Listing(items, text(page, "next"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /**
   * Downloads {@code entry} to {@code target}: appends to {@code target.partial} from its length
   * with {@code Range: bytes=<n>-} (so a broken download resumes, in this process or the next),
   * then checks size and SHA-256 of the whole against the entry and moves it to {@code target}.
   */
  Path download(MailboxEntry entry, Path target, TransferProgress progress) {
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    String requestId = UUID.randomUUID().toString();
    int failures = 0;
    while (true) {
      long have = io(() -> Files.exists(partial) ? Files.size(partial) : 0L);
      if (have > entry.size()) {
        io(() -> Files.delete(partial));
        continue;
      }
      progress.update(have, entry.size());
      if (have == entry.size()) {
        break;
      }
      Request.Builder request = new Request.Builder().url(transport.url(List.of("v1", "mailbox", entry.messageId()),
          Map.of())).get().header("X-Request-Id", requestId)
          // Signed with the key, not a session: a restarted hub knows no sessions, and this loop resumes across restarts.
          .tag(RequestSigner.FullSignature.class, RequestSigner.FullSignature.REQUIRED);
      if (have > 0) {
        request.header("Range", "bytes=" + have + "-");
      }
      try (Response response = transport.executeOnce(request.build())) {
        if (response.code() != 200 && response.code() != 206) {
          ShuqiaoException problem = Problems.from(response.code(), bytes(response), requestId);
          if (response.code() != 503) {
            throw problem;
          }
          throw new IOException("the hub is unavailable");
        }
        boolean append = response.code() == 206;
        try (InputStream in = response.body().byteStream();
            OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
          byte[] buffer = new byte[BUFFER];
          long done = append ? have : 0;
          for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
            done += n;
            progress.update(done, entry.size());
          }
        }
        failures = 0;
      } catch (IOException e) {
        if (++failures > transport.retryOptions().maxRetries()) {
          throw new ShuqiaoException("the download of " + entry.messageId() + " broke off " + failures
              + " times; download it again later to resume", 0, "transport", requestId, e);
        }
        transport.backoffPause(failures, requestId);
      }
    }
    byte[] expected = Base64.getUrlDecoder().decode(entry.digest().substring("sha-256:".length()));
    byte[] actual = io(() -> sha256(partial, 0, entry.size()));
    if (!MessageDigest.isEqual(expected, actual)) {
      io(() -> Files.delete(partial));
      throw new ExchangeProtocolException("the downloaded delivery does not match its digest; it was discarded",
          "digest-mismatch", UUID.fromString(entry.messageId()), null);
    }
    return io(() -> Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING));
  }

  /** {@code POST /v1/mailbox/{id}/ack}. */
  void acknowledge(MailboxEntry entry) {
    ObjectNode body = Codec.JSON.createObjectNode().put("digest", entry.digest());
    transport.call("POST", List.of("v1", "mailbox", entry.messageId(), "ack"), Map.of(), Codec.bytes(body),
        Transport.JSON);
  }

  /** {@code sha-256:} + base64url of the whole file. */
  static String digestOf(Path file) throws IOException {
    return "sha-256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(file, 0, Files.size(file)));
  }

  static byte[] sha256(Path file, long offset, long length) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      InputStream in = Channels.newInputStream(channel.position(offset));
      byte[] buffer = new byte[BUFFER];
      long left = length;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("the file is shorter than expected");
        }
        sha.update(buffer, 0, n);
        left -= n;
      }
    }
    return sha.digest();
  }

  private static long sizeOf(Path file) {
    return io(() -> Files.size(file));
  }

  private static byte[] bytes(Response response) throws IOException {
    ResponseBody body = response.body();
    return body == null ? new byte[0] : body.bytes();
  }

  /** A region of a file as a request body, read afresh on every write (OkHttp may write a body twice). */
  private static final class FileRegion extends RequestBody {
    private final Path file;
    private final long offset;
    private final long length;

    FileRegion(Path file, long offset, long length) {
      this.file = file;
      this.offset = offset;
      this.length = length;
    }

    @Override
    public MediaType contentType() {
      return CHUNK;
    }

    @Override
    public long contentLength() {
      return length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
          Source source = Okio.source(Channels.newInputStream(channel.position(offset)))) {
        sink.write(source, length);
      }
    }
  }

  @FunctionalInterface
  private interface IoWork<T> {
    T run() throws IOException;
  }

  private static <T> T io(IoWork<T> work) {
    try {
      return work.run();
    } catch (IOException e) {
      throw new ShuqiaoException("mailbox file: " + e.getMessage(), 0, "local-io", null, e);
    }
  }

  private static void io(IoVoid work) {
    io(() -> {
      work.run();
      return null;
    });
  }

  @FunctionalInterface
  private interface IoVoid {
    void run() throws IOException;
  }
}
