package dev.shuqiao.cli;

import dev.shuqiao.audit.ExchangeAuditCheck;
import dev.shuqiao.audit.ExchangeAuditReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code audit cross-check --hub DIR --department CODE=DIR... [--provider RESOURCE=CODE...]}: compares
 * the exchange records of the hub's log with the departments' logs ({@link ExchangeAuditCheck}) and
 * lists every exchange one side lacks or ends differently; exit 1 when there is any.
 */
final class AuditCrossCheckCommand implements Command {

  @Override
  public String group() {
    return "audit";
  }

  @Override
  public String name() {
    return "cross-check";
  }

  @Override
  public String usage() {
    return "--hub DIR --department CODE=DIR [--department CODE=DIR ...] [--provider RESOURCE=CODE ...]";
  }

  @Override
  public String summary() {
    return "cross-check exchanges in the hub's and the departments' audit logs";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, IOException {
    Options options = Options.parse(args, List.of("--hub", "--department", "--provider"));
    if (!options.positional().isEmpty()) {
      throw new UsageException("unexpected argument '" + options.positional().get(0) + "'");
    }
    String hub = options.value("--hub", "");
    if (hub.isEmpty()) {
      throw new UsageException("name the hub's audit log with --hub DIR");
    }
    List<String> departments = options.values("--department");
    if (departments.isEmpty()) {
      throw new UsageException("name at least one department's log with --department CODE=DIR");
    }
    ExchangeAuditCheck.Builder check = ExchangeAuditCheck.builder();
    if (!isLog(Path.of(hub), "--hub", err)) {
      return ShuqiaoCli.FAILURE;
    }
    check.hub(Path.of(hub));
    for (String department : departments) {
      Map.Entry<String, String> pair = pair(department, "--department", "CODE=DIR");
      if (!isLog(Path.of(pair.getValue()), "--department " + pair.getKey(), err)) {
        return ShuqiaoCli.FAILURE;
      }
      try {
        check.department(pair.getKey(), Path.of(pair.getValue()));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    for (String provider : options.values("--provider")) {
      Map.Entry<String, String> pair = pair(provider, "--provider", "RESOURCE=CODE");
      check.provider(pair.getKey(), pair.getValue());
    }
    ExchangeAuditReport report;
    try {
      report = check.build().run();
    } catch (dev.shuqiao.audit.AuditLogCorruptedException e) {
      err.println("shuqiao: a log is damaged, verify it with 'shuqiao audit verify': " + e.getMessage());
      return ShuqiaoCli.FAILURE;
    }
    print(report, out);
    if (!report.ok()) {
      err.println("shuqiao: " + report.discrepancies().size() + " discrepanc"
          + (report.discrepancies().size() == 1 ? "y" : "ies") + " between the audit logs");
      return FINDINGS;
    }
    return OK;
  }

  private static boolean isLog(Path dir, String option, PrintStream err) {
    if (!Files.isDirectory(dir)) {
      err.println("shuqiao: " + option + ": " + dir + ": no such directory");
      return false;
    }
    return true;
  }

  /** {@code KEY=VALUE}; the key may contain spaces (resource codes do) but no '='. */
  private static Map.Entry<String, String> pair(String text, String option, String form) throws UsageException {
    int equals = text.indexOf('=');
    if (equals <= 0 || equals == text.length() - 1) {
      throw new UsageException(option + " takes " + form + ", got '" + text + "'");
    }
    return Map.entry(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
  }

  private static void print(ExchangeAuditReport report, PrintStream out) {
    out.println("exchange cross-check: " + (report.ok() ? "OK" : "DISCREPANCIES"));
    out.println("  exchanges: " + report.exchanges());
    report.messageIds().forEach((side, ids) -> out.println("  " + side + ": " + ids.size() + " exchange(s)"));
    report.notes().forEach(note -> out.println("  note: " + note));
    report.discrepancies().forEach(d -> out.println("  " + d.kind() + " " + d.messageId() + " on " + d.side() + " ("
        + d.role() + "): " + d.detail()));
  }
}
