package dev.shuqiao.benchmarks;

import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.EnvelopeOpener;
import dev.shuqiao.crypto.EnvelopeSealer;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import dev.shuqiao.crypto.ReplayGuard;
import dev.shuqiao.crypto.TrustStore;
import java.time.Duration;
import java.util.List;

/** A city root and two departments of one key type, built through the public API only. */
final class City {

  final DepartmentIdentity sender;
  final DepartmentIdentity recipient;
  /** Default settings: an INTL ephemeral key is reused for 60 s per recipient. */
  final EnvelopeSealer sealer;
  /** A fresh ephemeral key per envelope, as in format v1. */
  final EnvelopeSealer freshEphemeralSealer;
  final EnvelopeOpener opener;

  City(KeyAlgorithm algorithm) {
    CertificateAuthority ca = CertificateAuthority.create(algorithm, "柳州市大数据发展局",
        CreditCode.parse("11450200MB15337658"), Duration.ofDays(365));
    sender = department(ca, algorithm, "柳州市卫生健康委员会", "11450200B153376699");
    recipient = department(ca, algorithm, "柳州市公安局", "11450200B153376774");
    TrustStore trust = TrustStore.builder().addRoot(ca.certificate()).addCrl(ca.crl(List.of(), Duration.ofDays(1))).build();
    sealer = EnvelopeSealer.builder().identity(sender).build();
    freshEphemeralSealer = EnvelopeSealer.builder().identity(sender).ephemeralKeyLifetime(Duration.ZERO).build();
    opener = EnvelopeOpener.builder().addIdentity(recipient).trustStore(trust)
        .replayGuard(ReplayGuard.builder().build()).build();
  }

  private static DepartmentIdentity department(CertificateAuthority ca, KeyAlgorithm algorithm, String name, String code) {
    KeyRequest request = KeyRequest.generate(algorithm, name, CreditCode.parse(code));
    return request.complete(ca.issue(request.csrPem(), Duration.ofDays(30)));
  }
}
