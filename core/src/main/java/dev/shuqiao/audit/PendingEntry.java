package dev.shuqiao.audit;

/**
 * An event on its way into the log. Everything that can be computed without the log's lock is
 * computed by the appending thread when it is made (canonical encoding, leaf hash, query-index key
 * digests); only the index is assigned under the lock.
 */
final class PendingEntry {

  final byte[] payload;
  final byte[] leafHash;
  final AuditEvent event;
  /** SHA-256 query-index key of the subject, or null. */
  final byte[] subjectKey;
  /** SHA-256 query-index key of the case id, or null. */
  final byte[] caseKey;
  /** Entry index; assigned under the log's lock. */
  long index = -1;

  private PendingEntry(byte[] payload, byte[] leafHash, AuditEvent event, byte[] subjectKey, byte[] caseKey) {
    this.payload = payload;
    this.leafHash = leafHash;
    this.event = event;
    this.subjectKey = subjectKey;
    this.caseKey = caseKey;
  }

  static PendingEntry of(HashSuite suite, AuditEvent event) {
    byte[] payload = event.encode(); // at most nine fields of 512 bytes: far below SegmentFormat.MAX_PAYLOAD
    return new PendingEntry(payload, suite.leafHash(payload), event,
        event.subject().map(QueryIndexFile::subjectKey).orElse(null),
        event.caseId().map(QueryIndexFile::caseKey).orElse(null));
  }

  int postingCount() {
    return (subjectKey == null ? 0 : 1) + (caseKey == null ? 0 : 1);
  }
}
