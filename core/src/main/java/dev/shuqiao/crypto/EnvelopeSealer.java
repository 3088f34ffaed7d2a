package dev.shuqiao.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Seals payloads from one department: sign-then-encrypt, suite fixed by the identity's key.
 * Thread-safe; build one per identity and share it: its settings are fixed at build time, and the
 * only state it keeps is the INTL ephemeral keys it reuses per recipient (bounded in time and uses).
 *
 * <pre>{@code
 * EnvelopeSealer sealer = EnvelopeSealer.builder().identity(health).build();
 * byte[] wire = sealer.seal(content).toBinary();
 * }</pre>
 *
 * <p>Steps: a fresh content key and nonce; the content key wrapped for each recipient (INTL: with the
 * ephemeral agreement key kept for that recipient, see {@link Builder#ephemeralKeyLifetime}); the header
 * (version, suite, message id, created-at, sender certificate, resource code, content type, grant id,
 * case id, recipient blocks, nonce) serialised; the sender signs header ‖ hash(payload) (SM3 or SHA-256); the signature and
 * payload are encrypted under the content key with the header as associated data.
 */
public final class EnvelopeSealer {

  /** Larger payloads belong in a {@link StreamSealer}. */
  public static final int MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

  private final DepartmentIdentity identity;
  private final Clock clock;
  private final SecureRandom random;
  private final EphemeralKeys ephemerals;

  private EnvelopeSealer(Builder builder) {
    this.identity = builder.identity;
    this.clock = builder.clock;
    this.random = builder.random;
    this.ephemerals = new EphemeralKeys(builder.ephemeralKeyLifetime, builder.ephemeralKeyUses, builder.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Seals {@code content}; {@link SealedEnvelope#toBinary()} and {@link SealedEnvelope#toJson()} give
   * its two wire forms.
   *
   * @throws IllegalArgumentException if a recipient's key belongs to another suite, a recipient is
   *     listed twice, or the payload is missing or larger than {@link #MAX_PAYLOAD_BYTES}
   */
  public SealedEnvelope seal(EnvelopeContent content) {
    return new SealedEnvelope(WireEnvelope.parse(sealToBinary(content)));
  }

  /**
   * Seals {@code content} straight into its binary form, the same bytes as
   * {@code seal(content).toBinary()}: the ciphertext is written into the returned array as it is
   * produced, so a large payload is read twice (hash, then encryption) and never copied.
   *
   * @throws IllegalArgumentException as {@link #seal(EnvelopeContent)}
   */
  public byte[] sealToBinary(EnvelopeContent content) {
    Objects.requireNonNull(content, "content");
    byte[] payload = content.payload();
    if (payload == null) {
      throw new IllegalArgumentException("payload is required; use StreamSealer for streams");
    }
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("payload over " + MAX_PAYLOAD_BYTES + " bytes; use StreamSealer");
    }
    Suite suite = identity.suite();
    Aead aead = Aead.of(suite);
    byte[] contentKey = randomBytes(aead.keyBytes());
    try {
      WireEnvelope unsealed = unsealed(identity, content, contentKey, () -> randomBytes(Aead.NONCE_BYTES), clock, random,
          ephemerals);
      byte[] header = unsealed.header();
      // Pre-hash with the suite hash: the JDK's SHA-256 has CPU intrinsics, the signature providers' digests do not.
      byte[] signature = Signatures.sign(identity.keyAlgorithm(), identity.privateKey(), random, header,
          Hashes.hash(suite, payload));
      byte[] signatureLength = {(byte) (signature.length >>> 8), (byte) signature.length};
      int ciphertextLength = signatureLength.length + signature.length + payload.length + Aead.TAG_BYTES;
      byte[] binary = new byte[header.length + 4 + ciphertextLength];
      ByteBuffer.wrap(binary).put(header).putInt(ciphertextLength);
      int written = aead.sealInto(contentKey, unsealed.nonce(), header, binary, header.length + 4, signatureLength,
          signature, payload);
      if (written != ciphertextLength) {
        throw new IllegalStateException("AEAD wrote " + written + " bytes, expected " + ciphertextLength);
      }
      return binary;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed", e);
    } finally {
      java.util.Arrays.fill(contentKey, (byte) 0);
    }
  }

  /**
   * The envelope both sealers start from: header fields, a fresh message id and each recipient's
   * wrapped content key, no ciphertext yet. {@code nonce} is drawn after the wrapping, so callers keep
   * the order in which they consume {@code random} (the golden vectors depend on it).
   */
  static WireEnvelope unsealed(DepartmentIdentity identity, EnvelopeContent content, byte[] contentKey,
      Supplier<byte[]> nonce, Clock clock, SecureRandom random, EphemeralKeys ephemerals) throws GeneralSecurityException {
    Suite suite = identity.suite();
    return new WireEnvelope(suite, randomUuid(random), clock.millis(), encoded(identity.certificate()),
        content.resourceCode(), content.contentType(), content.grantId().orElse(null), content.caseId().orElse(null),
        wrapFor(content.recipients(), suite, contentKey, random, ephemerals), nonce.get(), new byte[0]);
  }

  private static List<WireEnvelope.Recipient> wrapFor(List<X509Certificate> recipients, Suite suite, byte[] contentKey,
      SecureRandom random, EphemeralKeys ephemerals) throws GeneralSecurityException {
    List<WireEnvelope.Recipient> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (X509Certificate recipient : recipients) {
      if (KeyAlgorithm.of(recipient.getPublicKey()).suite() != suite) {
        throw new IllegalArgumentException("recipient " + Department.of(recipient) + " holds a key of another suite than " + suite);
      }
      byte[] keyId = WireEnvelope.keyId(suite, encoded(recipient));
      if (!seen.add(HexFormat.of().formatHex(keyId))) {
        throw new IllegalArgumentException("recipient " + Department.of(recipient) + " is listed twice");
      }
      out.add(new WireEnvelope.Recipient(keyId, KeyWrap.wrap(recipient.getPublicKey(), contentKey, random,
          ephemerals)));
    }
    return out;
  }

  static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded");
    }
  }

  private static UUID randomUuid(SecureRandom random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    ByteBuffer buffer = ByteBuffer.wrap(b);
    return new UUID(buffer.getLong(), buffer.getLong());
  }

  private byte[] randomBytes(int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  /** Builds an {@link EnvelopeSealer}; an identity is required. */
  public static final class Builder {
    private DepartmentIdentity identity;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private Duration ephemeralKeyLifetime = EphemeralKeys.DEFAULT_LIFETIME;
    private long ephemeralKeyUses = EphemeralKeys.DEFAULT_MAX_USES;

    private Builder() {}

    /** The sending department; its key decides the suite. */
    public Builder identity(DepartmentIdentity identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /** The clock for created-at and for the ephemeral key lifetime. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long an INTL ephemeral agreement key is reused for envelopes to the same recipient key
     * (default 60 s, at most 1 hour, and at most 2^20 envelopes): within that time envelopes to one
     * recipient share an ephemeral public key, each wrap with its own salt, and the recipient's
     * Diffie-Hellman is done once. {@link Duration#ZERO} makes a fresh ephemeral key for every
     * envelope. What the window changes is set out in {@code docs/envelope.md}, "Security
     * properties". GM envelopes (SM2 encryption of the content key) are not affected.
     *
     * @throws IllegalArgumentException if negative or longer than one hour
     */
    public Builder ephemeralKeyLifetime(Duration lifetime) {
      this.ephemeralKeyLifetime = EphemeralKeys.checkLifetime(Objects.requireNonNull(lifetime, "lifetime"));
      return this;
    }

    /** Tests only: the cap on envelopes per ephemeral key (default 2^20). */
    Builder ephemeralKeyUses(long uses) {
      this.ephemeralKeyUses = EphemeralKeys.checkUses(uses);
      return this;
    }

    /** Tests only: a deterministic source makes reproducible vectors. Not public on purpose. */
    Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public EnvelopeSealer build() {
      if (identity == null) {
        throw new IllegalStateException("identity is required");
      }
      return new EnvelopeSealer(this);
    }
  }
}
