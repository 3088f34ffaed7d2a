package dev.shuqiao.client;

import dev.shuqiao.crypto.DepartmentIdentity;
import java.io.IOException;
import java.time.Clock;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The client's own request signing ({@link RequestSigner}, package-private) for benchmarks that
 * build raw OkHttp requests: a signature with the department's key, or within a signing session
 * opened with {@link #openSession}. Lives in the client's package to reach it; benchmarks only.
 */
public final class BenchmarkSigning {

  private final RequestSigner signer;

  public BenchmarkSigning(DepartmentIdentity identity) {
    this.signer = new RequestSigner(identity, Clock.systemUTC());
  }

  /** Opens a signing session with {@code POST base/v1/sessions}, exactly as the client does. */
  public void openSession(OkHttpClient http, String base) throws IOException {
    SigningSession.Handshake handshake = signer.handshake();
    Request post = new Request.Builder().url(base + "/v1/sessions")
        .post(RequestBody.create(handshake.body(), Transport.JSON)).build();
    try (Response response = http.newCall(signer.sign(post, null)).execute()) {
      if (response.code() != 201) {
        throw new IllegalStateException("the hub refused the session: " + response.code());
      }
      signer.useSession(handshake, Codec.tree(response.body().bytes()));
    }
  }

  /** {@code request} signed within the open session. */
  public Request signInSession(Request request) throws IOException {
    if (signer.session() == null) {
      throw new IllegalStateException("no session: call openSession first");
    }
    return signer.sign(request, signer.session());
  }

  /** {@code request} signed with the department's key. */
  public Request signFully(Request request) throws IOException {
    return signer.sign(request, null);
  }
}
