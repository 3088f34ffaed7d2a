package dev.shuqiao.hub.internal.api;

import dev.shuqiao.crypto.Department;
import dev.shuqiao.crypto.InvalidSignatureException;

/**
 * The HTTP signature algorithms, one per department key type: SM2 with SM3 and the default user id,
 * Ed25519, ECDSA P-256 with SHA-256 (r||s). Their {@code alg} names are core's
 * {@code KeyAlgorithm.signatureName()}, and so are signing and verification
 * ({@code DepartmentIdentity.sign}, {@code Department.verify}).
 */
final class SignatureAlgorithms {

  private SignatureAlgorithms() {}

  /** True only for a valid signature; never throws on malformed input. Verification is core's. */
  static boolean verify(Department signer, byte[] signature, byte[] base) {
    try {
      signer.verify(signature, base);
      return true;
    } catch (InvalidSignatureException e) {
      return false;
    }
  }
}
