package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubConfigDevelopmentTest {

  @TempDir
  Path dir;

  private HubServer.Builder apply(String yaml) throws Exception {
    Path file = dir.resolve("hub.yaml");
    Files.writeString(file, yaml);
    return HubConfig.load(file).apply(HubServer.builder());
  }

  @Test
  void insecureEndpoints_areOffUnlessTheDevelopmentSettingSaysTrue() throws Exception {
    assertThat(apply("port: 0\n").allowsInsecureEndpoints()).isFalse();
    assertThat(apply("development:\n  allowInsecureEndpoints: false\n").allowsInsecureEndpoints()).isFalse();
    assertThat(apply("development:\n  allowInsecureEndpoints: true\n").allowsInsecureEndpoints()).isTrue();
  }

  @Test
  void developmentSetting_refusesAnythingButABoolean_andUnknownKeys() {
    assertThatThrownBy(() -> apply("development:\n  allowInsecureEndpoints: \"yes\"\n"))
        .hasMessageContaining("development.allowInsecureEndpoints: expected true or false");
    assertThatThrownBy(() -> apply("development:\n  allowInsecureEndpoint: true\n"))
        .hasMessageContaining("development: unknown key 'allowInsecureEndpoint'");
    assertThatThrownBy(() -> apply("development: true\n")).hasMessageContaining("development: expected a mapping");
  }
}
