package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceException;
import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;
import java.util.Map;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * Values of personal or sensitive fields (per the catalog, or marked {@code @Masked} /
 * {@code @Encrypted}) reaching SLF4J, Log4j 2, JUL or {@code System.out}/{@code System.err},
 * directly, through their getters or through string building.
 */
public final class PersonalDataInLogRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("privacy.personal-data-in-log", Severity.ERROR,
      "Personal data written to a log",
      "A value of a field the catalog marks as personal or sensitive information is passed to a "
          + "logger or System.out; logs are kept widely and long, so this discloses it (PIPL, GB/T 35273).",
      "Log a pseudonym (keyed hash), a masked value or the record's id instead of the value itself.");

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    Map<String, String> personal = ResourceClasses.of(context).personalFields(context.catalog());
    if (personal.isEmpty()) {
      return;
    }
    ProjectClasses classes = ProjectClasses.of(context);
    LogSinks sinks = new LogSinks(personal, LogSinks.getters(classes, personal), classes);
    for (ClassNode type : LogSinks.mayLog(classes)) {
      for (MethodNode method : type.methods) {
        if (!LogSinks.mayLog(method)) {
          continue;
        }
        try {
          for (LogSinks.Leak leak : sinks.leaks(type, method)) {
            context.report(finding(type, method, leak, personal));
          }
        } catch (AnalyzerException e) {
          throw new ComplianceException("Cannot analyse " + type.name.replace('/', '.') + "#" + method.name
              + " (" + e.getMessage() + "); rebuild the class with a clean build.", e);
        }
      }
    }
  }

  private static Finding finding(ClassNode type, MethodNode method, LogSinks.Leak leak, Map<String, String> personal) {
    String field = leak.field();
    String simple = field.substring(field.lastIndexOf('/') + 1);
    return Finding.builder().ruleId(DESCRIPTOR.id()).severity(DESCRIPTOR.severity())
        .message("personal data " + simple + " (item '" + personal.get(field) + "') is passed to " + leak.sink()
            + "; log a pseudonym or masked value instead")
        .location(ProjectClasses.location(type, method, leak.line()))
        .fingerprintKey(field + "|" + leak.sink()).build();
  }
}
