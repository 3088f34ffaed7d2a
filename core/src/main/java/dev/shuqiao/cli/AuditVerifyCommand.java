package dev.shuqiao.cli;

import dev.shuqiao.audit.AuditVerifier;
import dev.shuqiao.audit.Checkpoint;
import dev.shuqiao.audit.CheckpointException;
import dev.shuqiao.audit.CheckpointVerifier;
import dev.shuqiao.audit.NoteKeys;
import dev.shuqiao.audit.VerificationReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code audit verify DIR [--keys FILE]}: checks every record, the Merkle tree, every checkpoint
 * signature and the consistency of consecutive checkpoints; exit 1 naming the entry index on the
 * first problem. Trusted verifier keys come from {@code --keys} (one per line), or else from the
 * copy the log keeps in {@code DIR/verifier-keys}. {@code --checkpoint} names a checkpoint of this log
 * obtained elsewhere (from the hub, a witness), which the log must still contain. {@code --witnessed}
 * names the hub's witnessed copy ({@code GET /v1/audit/logs/{origin}/checkpoint}) and {@code
 * --witness-key} the hub's witness verifier key (or a file holding it): the cosignature must verify,
 * the log must contain its tree and still store that checkpoint.
 */
final class AuditVerifyCommand implements Command {

  @Override
  public String group() {
    return "audit";
  }

  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String usage() {
    return "DIR [--keys FILE] [--checkpoint FILE] [--witnessed FILE --witness-key KEY|FILE]";
  }

  @Override
  public String summary() {
    return "verify an audit log: records, Merkle tree, checkpoint signatures and consistency";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, IOException {
    Options options = Options.parse(args, List.of("--keys", "--checkpoint", "--witnessed", "--witness-key"));
    if (options.positional().size() != 1) {
      throw new UsageException("name exactly one audit log directory");
    }
    Path dir = Path.of(options.positional().get(0));
    if (!Files.isDirectory(dir)) {
      err.println("shuqiao: " + dir + ": no such directory");
      return ShuqiaoCli.FAILURE;
    }
    Path keyFile = Path.of(options.value("--keys", dir.resolve("verifier-keys").toString()));
    if (!Files.isRegularFile(keyFile)) {
      err.println("shuqiao: no verifier keys: " + keyFile + " does not exist (give --keys FILE)");
      return ShuqiaoCli.FAILURE;
    }
    List<CheckpointVerifier> keys = new ArrayList<>();
    for (String line : Files.readAllLines(keyFile, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        try {
          keys.add(NoteKeys.verifier(line));
        } catch (IllegalArgumentException e) {
          err.println("shuqiao: " + keyFile + ": bad verifier key: " + e.getMessage());
          return ShuqiaoCli.FAILURE;
        }
      }
    }
    if (keys.isEmpty()) {
      err.println("shuqiao: " + keyFile + " holds no verifier key");
      return ShuqiaoCli.FAILURE;
    }
    List<Checkpoint> heldElsewhere = new ArrayList<>();
    String checkpointFile = options.value("--checkpoint", "");
    if (!checkpointFile.isEmpty()) {
      try {
        heldElsewhere.add(Checkpoint.parse(Files.readString(Path.of(checkpointFile), StandardCharsets.UTF_8)));
      } catch (CheckpointException e) {
        err.println("shuqiao: " + checkpointFile + ": " + e.getMessage());
        return ShuqiaoCli.FAILURE;
      }
    }
    String witnessedFile = options.value("--witnessed", "");
    String witnessKeyArg = options.value("--witness-key", "");
    if (witnessedFile.isEmpty() != witnessKeyArg.isEmpty()) {
      throw new UsageException("--witnessed and --witness-key go together");
    }
    VerificationReport report;
    if (witnessedFile.isEmpty()) {
      report = AuditVerifier.withKeys(keys).verify(dir, heldElsewhere);
    } else {
      Checkpoint witnessed;
      CheckpointVerifier witnessKey;
      try {
        witnessed = Checkpoint.parse(Files.readString(Path.of(witnessedFile), StandardCharsets.UTF_8));
      } catch (CheckpointException e) {
        err.println("shuqiao: " + witnessedFile + ": " + e.getMessage());
        return ShuqiaoCli.FAILURE;
      }
      try {
        Path keyPath = Path.of(witnessKeyArg);
        witnessKey = NoteKeys.verifier(Files.isRegularFile(keyPath)
            ? Files.readString(keyPath, StandardCharsets.UTF_8) : witnessKeyArg);
      } catch (IllegalArgumentException e) {
        err.println("shuqiao: --witness-key: bad verifier key: " + e.getMessage());
        return ShuqiaoCli.FAILURE;
      }
      report = AuditVerifier.withKeys(keys).verifyWitnessed(dir, witnessed, witnessKey);
      if (report.ok()) {
        out.println("witnessed checkpoint " + witnessedFile + ": cosigned by " + witnessKey.keyName() + " at "
            + witnessed.verifyCosignature(witnessKey) + ", size " + Long.toUnsignedString(witnessed.treeSize())
            + ", contained in the log and stored by it");
      }
    }
    print(report, keyFile, !options.value("--keys", "").isEmpty(), out);
    if (report.problem().isPresent()) {
      err.println("shuqiao: audit log " + dir + " FAILED at entry " + report.problem().get().index() + ": "
          + report.problem().get().message() + " (" + report.problem().get().location() + ")");
      return FINDINGS;
    }
    return OK;
  }

  private static void print(VerificationReport report, Path keyFile, boolean keysGiven, PrintStream out) {
    out.println("audit log " + report.directory() + ": " + (report.ok() ? "OK" : "FAILED"));
    out.println("  origin " + report.origin() + ", hash " + report.suite().id());
    out.println("  entries" + (report.ok() ? "" : " intact before the problem") + ": " + report.entries() + " in "
        + report.segments() + " segment(s), root "
        + Base64.getEncoder().encodeToString(report.root()));
    List<Long> sizes = report.checkpointSizes();
    out.println("  checkpoints verified: " + sizes.size()
        + (sizes.isEmpty() ? "" : " (tree sizes " + sizes.get(0) + " .. " + sizes.get(sizes.size() - 1)
            + "), each consistent with the next"));
    out.println("  trusted keys: " + keyFile + (keysGiven ? "" : " (the log's own copy; pass --keys from a"
        + " trusted source for independent assurance)"));
    report.notes().forEach(note -> out.println("  note: " + note));
    report.problem().ifPresent(p -> out.println("  PROBLEM at entry " + p.index() + " (" + p.location() + "): "
        + p.message()));
  }
}
