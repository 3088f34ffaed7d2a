package dev.shuqiao.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Opens envelopes addressed to one department. Fails closed: any doubt is an
 * {@link EnvelopeException} and no plaintext is returned. Immutable and thread-safe.
 *
 * <pre>{@code
 * EnvelopeOpener opener = EnvelopeOpener.builder()
 *     .addIdentity(publicSecurity)
 *     .trustStore(trust)
 *     .replayGuard(ReplayGuard.builder().build())
 *     .build();                        // accepts only the suites of its identities
 * OpenedEnvelope opened = opener.open(SealedEnvelope.fromBinary(wire));
 * }</pre>
 *
 * <p>Checks, in order: structure ({@link MalformedEnvelopeException}); suite against the policy and
 * the sender's key type ({@link SuitePolicyException}); sender certificate against the trust store at
 * the current time ({@link UntrustedSenderException} and subtypes); a recipient block for one of our
 * identities ({@link NotARecipientException}); key unwrap and AEAD with the header as associated data
 * ({@link AuthenticationFailedException}); the sender's signature over header ‖ hash(payload)
 * ({@link InvalidSignatureException}); created-at window and message id ({@link ReplayException}).
 */
public final class EnvelopeOpener {

  private static final int MAX_CACHED_SENDERS = 256;

  private final List<DepartmentIdentity> identities;
  private final TrustStore trustStore;
  private final ReplayGuard replayGuard;
  private final Set<Suite> acceptedSuites;
  private final Clock clock;
  /** Sender certificates by DER: parsing one (and decoding its key) costs more than an envelope's AEAD work. */
  private final LruCache<ByteBuffer, X509Certificate> senderCertificates = new LruCache<>(MAX_CACHED_SENDERS);

  private EnvelopeOpener(Builder builder) {
    this.identities = List.copyOf(builder.identities);
    this.trustStore = builder.trustStore;
    this.replayGuard = builder.replayGuard;
    this.acceptedSuites = builder.acceptedSuites;
    this.clock = builder.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses the binary form and opens it. {@code binary} is read in place during the call (the
   * ciphertext is decrypted straight from it) and not retained; do not modify it meanwhile. If it is
   * modified anyway, the signature over the decrypted plaintext still has to verify, so the change
   * is refused, never returned as the sender's.
   */
  public OpenedEnvelope open(byte[] binary) {
    return open(WireEnvelope.parse(Objects.requireNonNull(binary, "binary")));
  }

  public OpenedEnvelope open(SealedEnvelope sealed) {
    return open(Objects.requireNonNull(sealed, "sealed").wire());
  }

  private OpenedEnvelope open(WireEnvelope wire) {
    Department sender = checkSender(wire, wire.suite());
    DepartmentIdentity self = recipient(wire);
    byte[] header = wire.header();
    byte[] inner = decrypt(self, wire, header);
    ByteBuffer in = ByteBuffer.wrap(inner);
    int signatureLength = in.remaining() < 2 ? -1 : Short.toUnsignedInt(in.getShort());
    if (signatureLength < 1 || signatureLength > in.remaining()) {
      throw new MalformedEnvelopeException("signature field is malformed");
    }
    byte[] signature = new byte[signatureLength];
    in.get(signature);
    int payloadOffset = 2 + signatureLength;
    java.security.MessageDigest payloadHash = Hashes.digest(wire.suite());
    payloadHash.update(inner, payloadOffset, inner.length - payloadOffset);
    X509Certificate certificate = sender.certificate();
    if (!Signatures.verify(sender.keyAlgorithm(), certificate.getPublicKey(), signature, header, payloadHash.digest())) {
      throw new InvalidSignatureException("sender signature does not verify");
    }
    EnvelopeHeader authenticated = EnvelopeHeader.of(wire);
    checkReplay(sender, authenticated);
    return new OpenedEnvelope(sender, authenticated, inner, payloadOffset);
  }

  /**
   * Checks a stream's prefix (structure, policy, sender trust, recipient, key unwrap) and returns it
   * with a payload that is decrypted and verified segment by segment; see {@link OpenedStream}.
   *
   * @throws EnvelopeException if the prefix fails any check
   * @throws java.io.IOException if {@code source} cannot be read
   */
  public OpenedStream openStream(java.io.InputStream source) throws java.io.IOException {
    return StreamOpening.open(this, java.util.Objects.requireNonNull(source, "source"));
  }

  void checkReplay(Department sender, EnvelopeHeader header) {
    replayGuard.check(sender, header.messageId(), header.createdAt());
  }

  /** Policy, key type and trust of the sender; shared with streams. */
  Department checkSender(WireEnvelope wire, Suite suite) {
    if (!acceptedSuites.contains(suite)) {
      throw new SuitePolicyException("suite " + suite + " is not accepted here (accepted: " + acceptedSuites + ")");
    }
    X509Certificate certificate = senderCertificate(wire.senderCertificate());
    KeyAlgorithm algorithm;
    try {
      algorithm = KeyAlgorithm.of(certificate.getPublicKey());
    } catch (RuntimeException e) {
      throw new SuitePolicyException("sender key type is not allowed");
    }
    if (algorithm.suite() != suite) {
      throw new SuitePolicyException("sender key " + algorithm + " does not belong to suite " + suite);
    }
    return trustStore.validate(certificate, clock.instant());
  }

  /** The certificate {@code der} encodes; the same object for the same bytes while it is cached. */
  private X509Certificate senderCertificate(byte[] der) {
    X509Certificate cached = senderCertificates.get(ByteBuffer.wrap(der));
    if (cached != null) {
      return cached;
    }
    X509Certificate certificate;
    try {
      certificate = Pem.certificate(der);
    } catch (IllegalArgumentException e) {
      throw new MalformedEnvelopeException("sender certificate does not parse");
    }
    senderCertificates.put(ByteBuffer.wrap(der.clone()), certificate);
    return certificate;
  }

  DepartmentIdentity recipient(WireEnvelope wire) {
    for (DepartmentIdentity identity : identities) {
      if (identity.suite() != wire.suite()) {
        continue;
      }
      byte[] keyId = identity.keyId();
      if (wire.recipients().stream().anyMatch(r -> r.isFor(keyId))) {
        return identity;
      }
    }
    throw new NotARecipientException("no recipient block is addressed to this department");
  }

  /** The content key for {@code self}. */
  static byte[] unwrap(DepartmentIdentity self, WireEnvelope wire) {
    byte[] keyId = self.keyId();
    WireEnvelope.Recipient block = wire.recipients().stream().filter(r -> r.isFor(keyId)).findFirst()
        .orElseThrow(() -> new NotARecipientException("no recipient block is addressed to this department"));
    try {
      byte[] contentKey = KeyWrap.unwrap(self.unwrapKey(), block.wrappedKey());
      if (contentKey.length != Aead.of(wire.suite()).keyBytes()) {
        throw new AuthenticationFailedException("wrapped content key does not authenticate");
      }
      return contentKey;
    } catch (GeneralSecurityException e) {
      throw new AuthenticationFailedException("wrapped content key does not authenticate");
    }
  }

  private static byte[] decrypt(DepartmentIdentity self, WireEnvelope wire, byte[] header) {
    byte[] contentKey = unwrap(self, wire);
    try {
      return Aead.of(wire.suite()).open(contentKey, wire.nonce(), header, wire.ciphertext());
    } catch (GeneralSecurityException e) {
      throw new AuthenticationFailedException("envelope header or ciphertext was modified");
    } finally {
      Arrays.fill(contentKey, (byte) 0);
    }
  }

  /** Builds an {@link EnvelopeOpener}: at least one identity, a trust store and a replay guard are required. */
  public static final class Builder {
    private final List<DepartmentIdentity> identities = new ArrayList<>();
    private TrustStore trustStore;
    private ReplayGuard replayGuard;
    private Set<Suite> acceptedSuites;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** An identity envelopes may be addressed to; add one per key the department holds. */
    public Builder addIdentity(DepartmentIdentity identity) {
      identities.add(Objects.requireNonNull(identity, "identity"));
      return this;
    }

    public Builder trustStore(TrustStore trustStore) {
      this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
      return this;
    }

    public Builder replayGuard(ReplayGuard replayGuard) {
      this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
      return this;
    }

    /**
     * The suite policy: only these suites are opened. Default: the suites of the added identities.
     * A department that must use commercial cryptography sets {@code acceptSuites(Suite.GM)}.
     */
    public Builder acceptSuites(Suite first, Suite... more) {
      this.acceptedSuites = EnumSet.of(first, more);
      return this;
    }

    /** The clock for certificate validity (the replay guard has its own). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public EnvelopeOpener build() {
      if (identities.isEmpty() || trustStore == null || replayGuard == null) {
        throw new IllegalStateException("an identity, a trust store and a replay guard are required");
      }
      if (acceptedSuites == null) {
        acceptedSuites = EnumSet.noneOf(Suite.class);
        identities.forEach(identity -> acceptedSuites.add(identity.suite()));
      }
      acceptedSuites = Set.copyOf(acceptedSuites);
      return new EnvelopeOpener(this);
    }
  }
}
