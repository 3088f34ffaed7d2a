package dev.shuqiao.benchmarks;

import dev.shuqiao.crypto.EnvelopeContent;
import dev.shuqiao.crypto.EnvelopeSealer;
import dev.shuqiao.crypto.KeyAlgorithm;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * Envelope seal+open for each key type and payload size, with default settings ({@code sealOpen}) and
 * with a fresh ephemeral key per envelope ({@code sealOpenFreshEphemeral}; the same as {@code sealOpen}
 * for SM2), next to the raw floor in the same run:
 * the suite's AEAD encrypt+decrypt (16 KiB updates to encrypt, one ByteBuffer doFinal to decrypt, as
 * the envelope does) plus hashing the payload
 * twice (sign and verify each hash it), and one signature + verification. Read
 * {@code sealOpen / rawAeadAndHash} for the 1 MiB goal (≤ 1.25x) and compare 1 KiB with
 * {@link JoseBenchmark}.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EnvelopeBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EnvelopeBenchmark {

  private static final Provider BC = new BouncyCastleProvider();
  private static final int CHUNK = 16 * 1024;

  @Param({"SM2", "ED25519", "ECDSA_P256"})
  public KeyAlgorithm algorithm;

  @Param({"1024", "1048576"})
  public int size;

  private City city;
  private byte[] payload;
  private byte[] aeadKey;
  private KeyPair signingPair;
  private final SecureRandom random = new SecureRandom();

  @Setup
  public void setUp() throws GeneralSecurityException {
    city = new City(algorithm);
    payload = new byte[size];
    random.nextBytes(payload);
    aeadKey = new byte[algorithm == KeyAlgorithm.SM2 ? 16 : 32];
    random.nextBytes(aeadKey);
    signingPair = keyPair();
  }

  /**
   * Seal to the binary form and open it, on the path without payload copies; the plaintext is a view.
   * Default sealer settings: in steady state an INTL ephemeral key is reused (60 s) and the opener
   * finds its agreement cached.
   */
  @Benchmark
  public ByteBuffer sealOpen() {
    return sealOpen(city.sealer);
  }

  /** The same with a fresh ephemeral key per envelope ({@code ephemeralKeyLifetime(Duration.ZERO)}). */
  @Benchmark
  public ByteBuffer sealOpenFreshEphemeral() {
    return sealOpen(city.freshEphemeralSealer);
  }

  private ByteBuffer sealOpen(EnvelopeSealer sealer) {
    byte[] wire = sealer.sealToBinary(EnvelopeContent.builder().addRecipient(city.recipient.certificate())
        .resourceCode("1 01 001/000123").contentType("application/octet-stream").payload(payload).build());
    return city.opener.open(wire).payloadBuffer();
  }

  @Benchmark
  public byte[] rawAeadAndHash() throws GeneralSecurityException {
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    byte[] sealed = aead(Cipher.ENCRYPT_MODE, nonce, payload);
    MessageDigest digest = digest();
    digest.update(payload);
    digest.digest();
    digest.update(payload);
    digest.digest();
    return aead(Cipher.DECRYPT_MODE, nonce, sealed);
  }

  @Benchmark
  public boolean rawSignVerify() throws GeneralSecurityException {
    Signature signer = signature();
    signer.initSign(signingPair.getPrivate(), random);
    signer.update(payload, 0, Math.min(64, payload.length));
    byte[] signature = signer.sign();
    Signature verifier = signature();
    verifier.initVerify(signingPair.getPublic());
    verifier.update(payload, 0, Math.min(64, payload.length));
    return verifier.verify(signature);
  }

  private byte[] aead(int mode, byte[] nonce, byte[] input) throws GeneralSecurityException {
    boolean sm4 = algorithm == KeyAlgorithm.SM2;
    Cipher cipher = sm4 ? Cipher.getInstance("SM4/GCM/NoPadding", BC) : Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
    cipher.init(mode, new SecretKeySpec(aeadKey, sm4 ? "SM4" : "AES"), new GCMParameterSpec(128, nonce));
    byte[] out = new byte[cipher.getOutputSize(input.length)];
    if (mode == Cipher.DECRYPT_MODE) {
      // The fast SunJCE decryption path, as the envelope uses it.
      cipher.doFinal(ByteBuffer.wrap(input), ByteBuffer.wrap(out));
      return out;
    }
    int written = 0;
    for (int offset = 0; offset < input.length; offset += CHUNK) {
      written += cipher.update(input, offset, Math.min(CHUNK, input.length - offset), out, written);
    }
    cipher.doFinal(out, written);
    return out;
  }

  private MessageDigest digest() throws GeneralSecurityException {
    return algorithm == KeyAlgorithm.SM2 ? MessageDigest.getInstance("SM3", BC) : MessageDigest.getInstance("SHA-256");
  }

  private Signature signature() throws GeneralSecurityException {
    return switch (algorithm) {
      case SM2 -> Signature.getInstance("SM3withSM2", BC);
      case ED25519 -> Signature.getInstance("Ed25519", BC);
      case ECDSA_P256 -> Signature.getInstance("SHA256withPLAIN-ECDSA", BC);
    };
  }

  private KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator;
    switch (algorithm) {
      case SM2 -> {
        generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("sm2p256v1"));
      }
      case ECDSA_P256 -> {
        generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      }
      default -> generator = KeyPairGenerator.getInstance("Ed25519", BC);
    }
    return generator.generateKeyPair();
  }
}
