package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.junit.jupiter.api.Test;

/** Known answers published with the standards (GB/T 32905, GB/T 32907, RFC 8998, GM/T 0003.5). */
class KnownAnswerTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void sm3_ofAbc_isTheStandardDigest() {
    assertThat(HEX.formatHex(Hashes.hash(Suite.GM, "abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  }

  @Test
  void sm3_ofAbcdSixteenTimes_isTheStandardDigest() {
    assertThat(HEX.formatHex(Hashes.hash(Suite.GM, "abcd".repeat(16).getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  }

  @Test
  void sm4_encryptsTheStandardBlock() {
    byte[] keyAndPlain = HEX.parseHex("0123456789abcdeffedcba9876543210");
    SM4Engine engine = new SM4Engine();
    engine.init(true, new KeyParameter(keyAndPlain));
    byte[] out = new byte[16];
    engine.processBlock(keyAndPlain, 0, out, 0);
    assertThat(HEX.formatHex(out)).isEqualTo("681edf34d206965e86b3e94f536e4246");
  }

  @Test
  void sm4Gcm_producesTheRfc8998Tag_andOpensItsOwnOutput() throws Exception {
    byte[] key = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
    byte[] iv = HEX.parseHex("00001234567800000000ABCD");
    byte[] aad = HEX.parseHex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
    byte[] plaintext = HEX.parseHex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
        + "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
    byte[] sealed = Aead.SM4_GCM.seal(key, iv, aad, plaintext);
    assertThat(HEX.formatHex(sealed, sealed.length - 16, sealed.length)).isEqualTo("83de3541e4c2b58177e065a9bf7b62ec");
    assertThat(Aead.SM4_GCM.open(key, iv, aad, sealed)).isEqualTo(plaintext);
  }

  @Test
  void sm2_verifiesTheGmT0003AnnexSignature_andRejectsItOverAnotherMessage() throws Exception {
    PublicKey key = sm2PublicKey(
        "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020",
        "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13");
    byte[] signature = derSignature(
        "f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3",
        "b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa");
    byte[] message = "message digest".getBytes(StandardCharsets.US_ASCII);
    assertThat(Signatures.verify(KeyAlgorithm.SM2, key, signature, message)).isTrue();
    assertThat(Signatures.verify(KeyAlgorithm.SM2, key, signature, "message digesT".getBytes(StandardCharsets.US_ASCII)))
        .isFalse();
  }

  private static PublicKey sm2PublicKey(String x, String y) throws Exception {
    X9ECParameters curve = GMNamedCurves.getByName("sm2p256v1");
    ECParameterSpec spec = new ECParameterSpec(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
    return KeyFactory.getInstance("EC", Providers.BC).generatePublic(new ECPublicKeySpec(
        curve.getCurve().createPoint(new BigInteger(x, 16), new BigInteger(y, 16)), spec));
  }

  private static byte[] derSignature(String r, String s) throws Exception {
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(new BigInteger(r, 16)));
    v.add(new ASN1Integer(new BigInteger(s, 16)));
    return new DERSequence(v).getEncoded("DER");
  }
}
