package dev.shuqiao.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Checkpoint signers and verifiers for C2SP signed notes over JCA key pairs.
 *
 * <pre>{@code
 * CheckpointSigner signer = NoteKeys.ed25519Signer("audit.health.liuzhou.gov.cn", keyPair);
 * String vkey = signer.verifierKey();               // give this to auditors
 * CheckpointVerifier verifier = NoteKeys.verifier(vkey);
 * }</pre>
 *
 * <table>
 * <caption>Key types</caption>
 * <tr><th>type</th><th>type bytes</th><th>public key in the vkey</th><th>key id</th><th>signature</th></tr>
 * <tr><td>Ed25519</td><td>{@code 0x01} (assigned)</td><td>32 raw bytes</td>
 *     <td>SHA-256(name || 0x0A || 0x01 || key)[:4]</td><td>RFC 8032 over the note text</td></tr>
 * <tr><td>ECDSA P-256</td><td>{@code 0x02} (assigned)</td><td>DER SubjectPublicKeyInfo</td>
 *     <td>SHA-256(SPKI)[:4]</td><td>ASN.1 DER ECDSA with SHA-256 over the note text</td></tr>
 * <tr><td>SM2</td><td>{@code 0xff} "{@value #SM2_TYPE_ID}" (custom)</td><td>DER SubjectPublicKeyInfo</td>
 *     <td>SHA-256(name || 0x0A || type bytes || SPKI)[:4]</td>
 *     <td>ASN.1 DER SM2 with SM3 and the default user id 1234567812345678 (GB/T 32918)</td></tr>
 * </table>
 *
 * <p>The signed-note spec assigns no type byte to SM2, so we use its extension mechanism: type
 * byte {@code 0xff} followed by the identifier {@value #SM2_TYPE_ID}. Verifiers that do not know
 * the type ignore such signatures, as the spec requires for unknown keys.
 */
public final class NoteKeys {

  /** Identifier that follows the {@code 0xff} type byte for SM2 signatures. */
  public static final String SM2_TYPE_ID = "shuqiao.dev/sm2-sm3";

  private NoteKeys() {}

  /** Ed25519 signer over an {@code Ed25519} key pair from {@code KeyPairGenerator.getInstance("Ed25519")}. */
  public static CheckpointSigner ed25519Signer(String keyName, KeyPair keyPair) {
    return new JcaNoteSigner(Checkpoint.requireKeyName(keyName), NoteKeyType.ED25519, keyPair);
  }

  /** ECDSA signer over a NIST P-256 key pair ({@code EC} with {@code secp256r1}). */
  public static CheckpointSigner ecdsaP256Signer(String keyName, KeyPair keyPair) {
    return new JcaNoteSigner(Checkpoint.requireKeyName(keyName), NoteKeyType.ECDSA_P256, keyPair);
  }

  /** SM2 signer over an {@code sm2p256v1} key pair (Bouncy Castle). */
  public static CheckpointSigner sm2Signer(String keyName, KeyPair keyPair) {
    return new JcaNoteSigner(Checkpoint.requireKeyName(keyName), NoteKeyType.SM2, keyPair);
  }

  /**
   * A witness's cosigner over an {@code Ed25519} key pair: C2SP {@code tlog-cosignature} v1, key type
   * {@code 0x04}. Its verifier key parses with {@link #verifier(String)} like any other; the verifier
   * checks the timestamped cosignature message.
   */
  public static CheckpointCosigner ed25519Cosigner(String keyName, KeyPair keyPair) {
    return new JcaNoteCosigner(Checkpoint.requireKeyName(keyName), keyPair);
  }

  /**
   * Parses a verifier key {@code <name>+<hex key id>+<base64(type || public key)>}.
   *
   * @throws IllegalArgumentException if it is malformed, of an unknown type, or its key id does not match
   */
  public static CheckpointVerifier verifier(String vkey) {
    String[] parts = vkey.strip().split("\\+", 3);
    if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException("a verifier key is <name>+<8 hex digits>+<base64>");
    }
    String name = Checkpoint.requireKeyName(parts[0]);
    byte[] typed = Base64.getDecoder().decode(parts[2]);
    NoteKeyType type = NoteKeyType.of(typed);
    byte[] publicKey = Arrays.copyOfRange(typed, type.typeBytes().length, typed.length);
    int keyId = keyId(name, type, publicKey);
    if (keyId != Integer.parseUnsignedInt(parts[1], 16)) {
      throw new IllegalArgumentException("verifier key " + name + ": key id does not match the key");
    }
    return new NoteVerifier(name, keyId, type, type.publicKey(publicKey));
  }

  static String verifierKey(String name, NoteKeyType type, byte[] publicKey) {
    ByteArrayOutputStream typed = new ByteArrayOutputStream();
    typed.writeBytes(type.typeBytes());
    typed.writeBytes(publicKey);
    return name + "+" + String.format("%08x", keyId(name, type, publicKey)) + "+"
        + Base64.getEncoder().encodeToString(typed.toByteArray());
  }

  static int keyId(String name, NoteKeyType type, byte[] publicKey) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      if (type == NoteKeyType.ECDSA_P256) {
        sha256.update(publicKey);
      } else {
        sha256.update(name.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0x0a);
        sha256.update(type.typeBytes());
        sha256.update(publicKey);
      }
      byte[] h = sha256.digest();
      return (int) Long.parseLong(HexFormat.of().formatHex(h, 0, 4), 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
