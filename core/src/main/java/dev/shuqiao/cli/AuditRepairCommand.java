package dev.shuqiao.cli;

import dev.shuqiao.audit.AuditLogRepair;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code audit repair DIR}: the explicit repair of a closed log that refuses to open because its last
 * segment is damaged after the newest checkpoint. Cuts at the first damaged record and keeps what it
 * cuts in {@code DIR/repair/}. Exit 0 when repaired or nothing needed repair, 1 when the damage
 * cannot be repaired by a cut (nothing changed), 3 when the log could not be read or written.
 */
final class AuditRepairCommand implements Command {

  @Override
  public String group() {
    return "audit";
  }

  @Override
  public String name() {
    return "repair";
  }

  @Override
  public String usage() {
    return "DIR";
  }

  @Override
  public String summary() {
    return "cut a damaged end of an audit log after its newest checkpoint, keeping the cut bytes in DIR/repair/";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, IOException {
    Options options = Options.parse(args, List.of());
    if (options.positional().size() != 1) {
      throw new UsageException("name exactly one audit log directory");
    }
    Path dir = Path.of(options.positional().get(0));
    if (!Files.isDirectory(dir)) {
      err.println("shuqiao: " + dir + ": no such directory");
      return ShuqiaoCli.FAILURE;
    }
    AuditLogRepair.Outcome outcome = AuditLogRepair.repair(dir);
    switch (outcome.status()) {
      case NOTHING_TO_REPAIR -> {
        out.println("audit log " + dir + ": nothing to repair (" + outcome.entriesKept() + " entries intact)");
        return OK;
      }
      case CUT -> {
        out.println("audit log " + dir + ": repaired, " + outcome.entriesKept() + " entries kept");
        out.println("  " + outcome.detail());
        out.println("  run 'shuqiao audit verify " + dir + "' next; the cut entries are in " + outcome.sideFile().orElseThrow());
        return OK;
      }
      default -> {
        err.println("shuqiao: audit log " + dir + " NOT repaired: " + outcome.detail());
        return FINDINGS;
      }
    }
  }
}
