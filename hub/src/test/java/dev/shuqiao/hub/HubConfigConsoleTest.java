package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubConfigConsoleTest {

  @TempDir
  Path dir;

  private HubConfig config(String yaml) throws Exception {
    Path file = dir.resolve("hub.yaml");
    Files.writeString(file, yaml);
    return HubConfig.load(file, Map.<String, String>of()::get);
  }

  @Test
  void console_admin_namesTheFirstAdministrator() throws Exception {
    assertThat(config("console:\n  admin: root\n").apply(HubServer.builder()).consoleAdminName()).isEqualTo("root");
    assertThat(config("port: 8080\n").apply(HubServer.builder()).consoleAdminName()).isNull();
  }

  @Test
  void console_refusesAnUnknownKeyOrANonTextName() throws Exception {
    assertThatThrownBy(() -> config("console:\n  admn: root\n").apply(HubServer.builder()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("admn");
    assertThatThrownBy(() -> config("console:\n  admin: [a, b]\n").apply(HubServer.builder()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("console.admin");
    assertThatThrownBy(() -> config("console: root\n").apply(HubServer.builder()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("console: expected a mapping");
  }
}
