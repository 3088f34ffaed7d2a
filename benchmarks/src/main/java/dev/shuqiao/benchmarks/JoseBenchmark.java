package dev.shuqiao.benchmarks;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The peer: a signed-then-encrypted JOSE message with nimbus-jose-jwt — ES256 JWS nested in a JWE
 * with ECDH-ES key agreement and A256GCM content encryption, compact serialisation, parse, decrypt,
 * verify. Elliptic-curve work runs on Bouncy Castle (the faster provider for it), AES-GCM on SunJCE,
 * so this is the fastest configuration of the peer. Compare with {@code EnvelopeBenchmark.sealOpen}
 * for ECDSA_P256 at the same size.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar JoseBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class JoseBenchmark {

  private static final Provider BC = new BouncyCastleProvider();

  @Param({"1024", "1048576"})
  public int size;

  private ECKey sender;
  private ECKey recipient;
  private byte[] payload;

  @Setup
  public void setUp() throws JOSEException {
    sender = new ECKeyGenerator(Curve.P_256).generate();
    recipient = new ECKeyGenerator(Curve.P_256).generate();
    payload = new byte[size];
    new SecureRandom().nextBytes(payload);
  }

  @Benchmark
  public byte[] jweNestedSignedSealOpen() throws JOSEException, ParseException {
    JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload(payload));
    ECDSASigner signer = new ECDSASigner(sender);
    signer.getJCAContext().setProvider(BC);
    jws.sign(signer);
    JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM)
        .contentType("JWT").build(), new Payload(jws));
    ECDHEncrypter encrypter = new ECDHEncrypter(recipient.toECPublicKey());
    encrypter.getJCAContext().setKeyEncryptionProvider(BC);
    jwe.encrypt(encrypter);
    String wire = jwe.serialize();

    JWEObject received = JWEObject.parse(wire);
    ECDHDecrypter decrypter = new ECDHDecrypter(recipient.toECPrivateKey());
    decrypter.getJCAContext().setKeyEncryptionProvider(BC);
    received.decrypt(decrypter);
    JWSObject inner = received.getPayload().toJWSObject();
    ECDSAVerifier verifier = new ECDSAVerifier(sender.toECPublicKey());
    verifier.getJCAContext().setProvider(BC);
    if (!inner.verify(verifier)) {
      throw new IllegalStateException("signature did not verify");
    }
    return inner.getPayload().toBytes();
  }
}
