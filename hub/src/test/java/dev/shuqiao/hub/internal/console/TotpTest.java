package dev.shuqiao.hub.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.api.Test;

class TotpTest {

  @ParameterizedTest(name = "{2} at {0} gives {1}")
  @CsvFileSource(resources = "/vectors/totp-rfc6238.csv")
  void code_matchesTheRfc6238Vectors(long unixTime, String expected, String algorithm) {
    String seed = switch (algorithm) {
      case "HmacSHA1" -> "12345678901234567890";
      case "HmacSHA256" -> "12345678901234567890123456789012";
      default -> "1234567890123456789012345678901234567890123456789012345678901234";
    };
    long step = Totp.step(Instant.ofEpochSecond(unixTime));

    assertThat(Totp.code(seed.getBytes(StandardCharsets.US_ASCII), step, 8, algorithm)).isEqualTo(expected);
  }

  @Test
  void base32_roundTripsAndMatchesRfc4648() {
    assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
    assertThat(Totp.decodeBase32("MZXW6YTBOI")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void verify_acceptsOneStepOfDrift_refusesTwo_andRefusesReplay() {
    String secret = Totp.newSecret(new SecureRandom());
    byte[] key = Totp.decodeBase32(secret);
    Instant now = Instant.parse("2026-12-07T10:00:10Z");
    long step = Totp.step(now);

    assertThat(Totp.verify(secret, Totp.code(key, step - 1, 6, "HmacSHA1"), now, 0)).isEqualTo(step - 1);
    assertThat(Totp.verify(secret, Totp.code(key, step + 1, 6, "HmacSHA1"), now, 0)).isEqualTo(step + 1);
    assertThat(Totp.verify(secret, Totp.code(key, step - 2, 6, "HmacSHA1"), now, 0)).isEqualTo(-1);
    assertThat(Totp.verify(secret, Totp.code(key, step, 6, "HmacSHA1"), now, step)).as("replayed").isEqualTo(-1);
    assertThat(Totp.verify(secret, "12345", now, 0)).isEqualTo(-1);
    assertThat(Totp.verify(secret, null, now, 0)).isEqualTo(-1);
  }
}
