package dev.shuqiao.benchmarks;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.CheckpointSigner;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.audit.NoteKeys;
import dev.shuqiao.audit.Receipt;
import dev.shuqiao.audit.Receipts;
import dev.shuqiao.audit.SubjectPseudonymizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Receipts for one citizen among 1,000,000 audit entries: a department log of N entries (each
 * exchange a request and a deliver, 100,000 citizens) and a hub log of N entries for the same
 * exchanges; prints the time of {@code forSubject} (lookup, join, proofs verified) over many
 * citizens. {@code java -Xmx3g -cp ... dev.shuqiao.benchmarks.ReceiptsLookupReport [entries]}
 */
public final class ReceiptsLookupReport {

  private ReceiptsLookupReport() {}

  public static void main(String[] args) throws Exception {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int citizens = 100_000;
    Path dir = Files.createTempDirectory("shuqiao-receipts");
    SubjectPseudonymizer pseudonyms =
        HmacSubjectPseudonymizer.withKey("benchmark pseudonym key 32 bytes".getBytes(StandardCharsets.UTF_8));
    CheckpointSigner deptKey = NoteKeys.ed25519Signer("audit.dept.bench", KeyPairGenerator.getInstance("Ed25519")
        .generateKeyPair());
    CheckpointSigner hubKey = NoteKeys.ed25519Signer("hub.bench", KeyPairGenerator.getInstance("Ed25519")
        .generateKeyPair());
    try (AuditLog dept = AuditLog.builder().directory(dir.resolve("dept")).origin("audit.dept.bench").open();
        AuditLog hub = AuditLog.builder().directory(dir.resolve("hub")).origin("hub.bench").open()) {
      long start = System.nanoTime();
      List<AuditEvent> deptBatch = new ArrayList<>();
      List<AuditEvent> hubBatch = new ArrayList<>();
      for (int n = 0; n < entries / 2; n++) {
        String id = String.format("P%09d", n % citizens);
        for (AuditAction action : List.of(AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER)) {
          AuditEvent.Builder e = AuditEvent.builder().actor(Actor.of("11450200MB10000027", "portal")).action(action)
              .outcome(AuditOutcome.SUCCESS).resourceCode("1 01 003/000001").messageId("m-" + n).caseId("C-" + n)
              .items(List.of("出生医学证明编号", "新生儿姓名")).purpose("出生一件事")
              .timestamp(Instant.ofEpochSecond(1_790_000_000L + n));
          hubBatch.add(e.build());
          deptBatch.add(e.subject(pseudonyms.pseudonymize(id)).build());
        }
        if (deptBatch.size() == 2_000) {
          dept.appendAll(deptBatch);
          hub.appendAll(hubBatch);
          deptBatch.clear();
          hubBatch.clear();
        }
      }
      if (!deptBatch.isEmpty()) {
        dept.appendAll(deptBatch);
        hub.appendAll(hubBatch);
      }
      dept.checkpoint(deptKey);
      hub.checkpoint(hubKey);
      System.out.printf("built %,d + %,d entries in %.1f s%n", dept.size(), hub.size(), (System.nanoTime() - start) / 1e9);
      Receipts receipts = Receipts.builder()
          .department("11450200MB10000027", dept, pseudonyms, NoteKeys.verifier(deptKey.verifierKey()))
          .hub(hub, NoteKeys.verifier(hubKey.verifierKey())).build();
      int rounds = 2_000;
      long[] micros = new long[rounds];
      int found = 0;
      for (int r = 0; r < rounds; r++) {
        String id = String.format("P%09d", (r * 7919) % citizens);
        long t = System.nanoTime();
        List<Receipt> list = receipts.forSubject(id);
        micros[r] = (System.nanoTime() - t) / 1_000;
        found += list.size();
      }
      long[] warm = Arrays.copyOfRange(micros, rounds / 2, rounds);
      Arrays.sort(warm);
      System.out.printf("forSubject over %,d entries per log: %.1f receipts per citizen, median %.2f ms, p99 %.2f ms,"
          + " max %.2f ms (second half of %d lookups)%n", dept.size(), found / (double) rounds,
          warm[warm.length / 2] / 1e3, warm[warm.length * 99 / 100] / 1e3, warm[warm.length - 1] / 1e3, rounds);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
