package dev.shuqiao.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption with one fixed parameter set per suite: 96-bit nonce, 128-bit tag.
 * AES runs on SunJCE (AES-NI/CLMUL intrinsics), SM4 on Bouncy Castle. Input is fed in 16 KiB
 * {@code update} chunks because SunJCE reaches full speed at once that way, while a single large
 * {@code doFinal} stays slow until the JIT has warmed up.
 */
final class Aead {

  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  private static final int CHUNK = 16 * 1024;

  static final Aead SM4_GCM = new Aead("SM4", 16, Providers.BC);
  static final Aead AES_256_GCM = new Aead("AES", 32, sunJce());

  private final String cipherName;
  private final int keyBytes;
  private final Provider provider;

  private Aead(String cipherName, int keyBytes, Provider provider) {
    this.cipherName = cipherName;
    this.keyBytes = keyBytes;
    this.provider = provider;
  }

  static Aead of(Suite suite) {
    return suite == Suite.GM ? SM4_GCM : AES_256_GCM;
  }

  int keyBytes() {
    return keyBytes;
  }

  /** Returns ciphertext followed by the 16-byte tag. */
  byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) throws GeneralSecurityException {
    return run(Cipher.ENCRYPT_MODE, key, nonce, aad, plaintext);
  }

  /**
   * Returns the plaintext of {@code ciphertext} (which ends with the tag).
   *
   * @throws GeneralSecurityException ({@link javax.crypto.AEADBadTagException}) if anything was modified
   */
  byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext) throws GeneralSecurityException {
    if (ciphertext.length < TAG_BYTES) {
      throw new javax.crypto.AEADBadTagException("ciphertext shorter than the tag");
    }
    return run(Cipher.DECRYPT_MODE, key, nonce, aad, ciphertext);
  }

  private byte[] run(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) throws GeneralSecurityException {
    Cipher cipher = init(mode, key, nonce);
    cipher.updateAAD(aad);
    byte[] out = new byte[cipher.getOutputSize(input.length)];
    int written = 0;
    for (int offset = 0; offset < input.length; offset += CHUNK) {
      written += cipher.update(input, offset, Math.min(CHUNK, input.length - offset), out, written);
    }
    written += cipher.doFinal(out, written);
    return written == out.length ? out : java.util.Arrays.copyOf(out, written);
  }

  /** A cipher ready for one message; callers feed AAD and data themselves (used by streaming). */
  Cipher init(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(nonce, "nonce");
    if (key.length != keyBytes) {
      throw new IllegalArgumentException(cipherName + "-GCM needs a " + keyBytes + "-byte key");
    }
    if (nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException(cipherName + "-GCM needs a 12-byte nonce");
    }
    Cipher cipher = Cipher.getInstance(cipherName + "/GCM/NoPadding", provider);
    cipher.init(mode, new SecretKeySpec(key, cipherName), new GCMParameterSpec(TAG_BYTES * 8, nonce));
    return cipher;
  }

  private static Provider sunJce() {
    Provider provider = java.security.Security.getProvider("SunJCE");
    if (provider == null) {
      throw new IllegalStateException("the SunJCE provider is missing from this JRE");
    }
    return provider;
  }
}
