package dev.shuqiao.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/** Reads a Wycheproof vector file from the test classpath into one argument set per test case. */
final class Wycheproof {

  private Wycheproof() {}

  /** One test case with its group; {@code toString} names the file and tcId for the report. */
  record Case(String file, JsonNode group, JsonNode test) {
    String hex(String field) {
      return test.get(field).asText();
    }

    byte[] bytes(String field) {
      return HexFormat.of().parseHex(hex(field));
    }

    byte[] groupBytes(String field) {
      return HexFormat.of().parseHex(group.get(field).asText());
    }

    int groupInt(String field) {
      return group.get(field).asInt();
    }

    String result() {
      return test.get("result").asText();
    }

    boolean valid() {
      return result().equals("valid");
    }

    boolean invalid() {
      return result().equals("invalid");
    }

    @Override
    public String toString() {
      return file + " #" + test.get("tcId").asInt() + " " + result() + " " + test.get("flags");
    }
  }

  static List<Arguments> cases(String file) {
    try (InputStream in = Wycheproof.class.getResourceAsStream("/vectors/wycheproof/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + file);
      }
      JsonNode root = new ObjectMapper().readTree(in);
      List<Arguments> out = new ArrayList<>();
      for (JsonNode group : root.get("testGroups")) {
        for (JsonNode test : group.get("tests")) {
          out.add(Arguments.of(new Case(file, group, test)));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
