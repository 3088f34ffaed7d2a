package dev.shuqiao.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A department's private key and its certificate from the city CA: a handle, the key never leaves
 * it except through {@link #exportPrivateKeyPem()} or {@link #toPkcs12(char[])}. It seals envelopes
 * (through {@link EnvelopeSealer}), opens them (through {@link EnvelopeOpener}) and signs other
 * messages ({@link #sign(byte[])}). Immutable and thread-safe.
 *
 * <pre>{@code
 * DepartmentIdentity health = DepartmentIdentity.fromPkcs12(Files.readAllBytes(p12), password);
 * EnvelopeSealer sealer = EnvelopeSealer.builder().identity(health).build();
 * }</pre>
 */
public final class DepartmentIdentity {

  private static final String ALIAS = "department";

  private final PrivateKey privateKey;
  private final Department department;
  private final KeyAlgorithm keyAlgorithm;
  private final KeyWrap.UnwrapKey unwrapKey;
  private final byte[] keyId;
  private final SecureRandom random = new SecureRandom();

  private DepartmentIdentity(PrivateKey privateKey, X509Certificate certificate) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.department = Department.of(Objects.requireNonNull(certificate, "certificate"));
    this.keyAlgorithm = KeyAlgorithm.of(certificate.getPublicKey());
    KeyPairs.requireMatch(keyAlgorithm, privateKey, certificate.getPublicKey());
    try {
      this.unwrapKey = KeyWrap.UnwrapKey.of(privateKey, certificate.getPublicKey());
    } catch (java.security.InvalidKeyException e) {
      throw new IllegalArgumentException("the key cannot be used for key agreement");
    }
    this.keyId = WireEnvelope.keyId(keyAlgorithm.suite(), EnvelopeSealer.encoded(certificate));
  }

  static DepartmentIdentity of(PrivateKey privateKey, X509Certificate certificate) {
    return new DepartmentIdentity(privateKey, certificate);
  }

  /**
   * An identity from a PKCS#8 {@code PRIVATE KEY} block and its {@code CERTIFICATE} block.
   *
   * @throws IllegalArgumentException if either is unreadable or the key does not match the certificate
   */
  public static DepartmentIdentity fromPem(String privateKeyPem, String certificatePem) {
    return new DepartmentIdentity(Pem.privateKey(privateKeyPem), Pem.certificate(certificatePem));
  }

  /**
   * An identity from a PKCS#12 file holding exactly one key entry.
   *
   * @throws IllegalArgumentException if the password is wrong or the file is not such a PKCS#12
   */
  public static DepartmentIdentity fromPkcs12(byte[] pkcs12, char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12", Providers.BC);
      store.load(new ByteArrayInputStream(pkcs12), password);
      List<String> keys = Collections.list(store.aliases()).stream().filter(a -> isKey(store, a)).toList();
      if (keys.size() != 1) {
        throw new IllegalArgumentException("PKCS#12 must hold exactly one private key, found " + keys.size());
      }
      Key key = store.getKey(keys.get(0), password);
      Certificate certificate = store.getCertificate(keys.get(0));
      return new DepartmentIdentity((PrivateKey) key, (X509Certificate) certificate);
    } catch (IOException | GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("cannot read PKCS#12 (wrong password or not a key store)");
    }
  }

  private static boolean isKey(KeyStore store, String alias) {
    try {
      return store.isKeyEntry(alias);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * This identity as PKCS#12 bytes protected by {@code password}. Exports the private key. The file
   * uses PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for the key and an HMAC-SHA256 MAC; see
   * {@code docs/envelope.md}.
   */
  public byte[] toPkcs12(char[] password) {
    try {
      return Pkcs12Writer.write(privateKey, certificate(), ALIAS, Objects.requireNonNull(password, "password"));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot write PKCS#12", e);
    }
  }

  /**
   * Signs {@code data} with this department's key, for protocols other than envelopes (HTTP message
   * signatures, checkpoints). The algorithm follows the key, never a string: SM2 with SM3 and the
   * default signer id {@code 1234567812345678} (DER), Ed25519 (64 bytes) or ECDSA P-256 with
   * SHA-256 (r‖s, 64 bytes). Anyone holding the certificate checks it with {@link Department#verify}.
   *
   * <pre>{@code
   * byte[] signature = identity.sign(base);
   * sender.verify(signature, base);     // sender: a Department validated by a TrustStore
   * }</pre>
   */
  public byte[] sign(byte[] data) {
    Objects.requireNonNull(data, "data");
    try {
      return Signatures.sign(keyAlgorithm, privateKey, random, data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with the department key failed", e);
    }
  }

  /** Secret export: the private key as an unencrypted PKCS#8 PEM block. Store it like a password. */
  public String exportPrivateKeyPem() {
    return Pem.encodePrivateKey(privateKey);
  }

  public Department department() {
    return department;
  }

  public X509Certificate certificate() {
    return department.certificate();
  }

  public KeyAlgorithm keyAlgorithm() {
    return keyAlgorithm;
  }

  /** The suite envelopes sealed by this identity use. */
  public Suite suite() {
    return keyAlgorithm.suite();
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  /** The recipient key id envelopes carry for this identity: the suite hash of its certificate. */
  byte[] keyId() {
    return keyId.clone();
  }

  /** This identity's key prepared once for unwrapping content keys. */
  KeyWrap.UnwrapKey unwrapKey() {
    return unwrapKey;
  }

  @Override
  public String toString() {
    return "DepartmentIdentity[" + department + ", " + keyAlgorithm + "]";
  }

}
