package dev.shuqiao.examples.birth;

import dev.shuqiao.bundle.BundleResult;
import java.util.List;

/**
 * What one run of the birth demo established, for the printout and for the test that asserts it.
 *
 * @param failures every check that failed, in order (empty when the story completed)
 * @param unavailable steps of the story this build cannot show yet (named, never faked)
 * @param result the bundle's result as the service center saw it (null if it never ran)
 * @param auditLogsVerified logs whose every record, Merkle tree and checkpoint verified
 * @param witnessedLogs department logs verified against the hub's witnessed (cosigned) checkpoint
 * @param crossCheckedExchanges exchanges the audit cross-check found on all sides, consistent
 * @param receipts the family member's access receipts, each with its proofs checked
 */
public record DemoOutcome(List<String> failures, List<String> unavailable, BundleResult result,
    int auditLogsVerified, int witnessedLogs, int crossCheckedExchanges, List<String> receipts) {

  public DemoOutcome {
    failures = List.copyOf(failures);
    unavailable = List.copyOf(unavailable);
    receipts = List.copyOf(receipts);
  }

  public boolean ok() {
    return failures.isEmpty() && result != null && result.status() == BundleResult.Status.COMPLETED;
  }
}
