package dev.shuqiao.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Writes a PKCS#12 file with strong algorithms throughout. Bouncy Castle's {@code KeyStore} writer
 * encrypts with PBES2 but always MACs with HMAC-SHA1, so the file is assembled here:
 * <ul>
 *   <li>private key: PBES2, PBKDF2-HMAC-SHA256 ({@value #KEY_ITERATIONS} iterations), AES-256-CBC;</li>
 *   <li>certificate: the same with AES-128-CBC;</li>
 *   <li>integrity: HMAC-SHA256 under the RFC 7292 PKCS#12 key derivation with SHA-256
 *       ({@value #MAC_ITERATIONS} iterations) — what OpenSSL 3 and JDK 12+ write and Java 17's
 *       {@code keytool} reads. The RFC 9579 PBMAC1 form is not used because Java 17 cannot read it.</li>
 * </ul>
 * The MAC iteration count is not lower than the key's, so the MAC is not a cheaper password oracle.
 */
final class Pkcs12Writer {

  static final int KEY_ITERATIONS = 300_000;
  static final int MAC_ITERATIONS = 600_000;
  private static final AlgorithmIdentifier PRF_HMAC_SHA256 =
      new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);

  private Pkcs12Writer() {}

  static byte[] write(PrivateKey key, X509Certificate certificate, String friendlyName, char[] password)
      throws GeneralSecurityException, IOException {
    try {
      DEROctetString localKeyId = new DEROctetString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
      PKCS12SafeBagBuilder certBag = new JcaPKCS12SafeBagBuilder(certificate);
      certBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
      certBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
      PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(key, encryptor(NISTObjectIdentifiers.id_aes256_CBC, password));
      keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
      keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
      PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
      pfx.addEncryptedData(encryptor(NISTObjectIdentifiers.id_aes128_CBC, password), new PKCS12SafeBag[] {certBag.build()});
      pfx.addData(keyBag.build());
      return pfx.build(new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256).setProvider(Providers.BC)
          .setIterationCount(MAC_ITERATIONS), password).getEncoded(ASN1Encoding.DER);
    } catch (OperatorCreationException | PKCSException e) {
      throw new GeneralSecurityException("cannot build PKCS#12", e);
    }
  }

  private static OutputEncryptor encryptor(org.bouncycastle.asn1.ASN1ObjectIdentifier cipher, char[] password)
      throws OperatorCreationException {
    return new JcePKCSPBEOutputEncryptorBuilder(cipher).setProvider(Providers.BC).setRandom(new SecureRandom())
        .setPRF(PRF_HMAC_SHA256).setIterationCount(KEY_ITERATIONS).build(password);
  }
}
