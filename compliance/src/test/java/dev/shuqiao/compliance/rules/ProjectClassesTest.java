package dev.shuqiao.compliance.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.compliance.ComplianceException;
import dev.shuqiao.compliance.RuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectClassesTest {

  @Test
  void corruptClassFile_failsWithAMessageNamingTheFileAndTheFix(@TempDir Path classes) throws Exception {
    Path broken = Files.createDirectories(classes.resolve("dev/acme")).resolve("Broken.class");
    Files.write(broken, new byte[] {(byte) 0xCA, (byte) 0xFE, 0x00, 0x01});
    RuleContext context = RuleContext.builder().addClassDirectory(classes).build();

    assertThatThrownBy(() -> new WeakDigestRule().execute(context))
        .isInstanceOf(ComplianceException.class)
        .hasMessageContaining("Cannot read class file " + broken)
        .hasMessageContaining("rebuild the project");
  }

  @Test
  void missingClassDirectory_isAnEmptyProject(@TempDir Path root) {
    RuleContext context = RuleContext.builder().addClassDirectory(root.resolve("target/classes")).build();

    BuiltInRules.weakCrypto().forEach(rule -> rule.execute(context));

    assertThat(context.findings()).isEmpty();
  }
}
