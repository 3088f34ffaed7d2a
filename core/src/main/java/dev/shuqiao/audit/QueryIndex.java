package dev.shuqiao.audit;

import java.util.HashMap;
import java.util.Map;

/**
 * Postings from data subject and case id to entry indices, in index order. Built while the log is
 * opened (every record is read then anyway) and extended after each durable batch. Guarded by the
 * log's lock; lookups return indices, and the records are read after the lock is released.
 */
final class QueryIndex {

  private final Map<SubjectPseudonym, LongColumn> bySubject = new HashMap<>();
  private final Map<String, LongColumn> byCase = new HashMap<>();
  /** In memory only (not in DIR/query-index): the receipts' join of a hub's events by message id. */
  private final Map<String, LongColumn> byMessage = new HashMap<>();

  /** Receives every posting: kind, key digest, entry index. */
  interface PostingVisitor {
    void accept(byte kind, byte[] digest, long index);
  }

  void forEach(PostingVisitor visitor) {
    bySubject.forEach((subject, column) -> visit(QueryIndexFile.SUBJECT, QueryIndexFile.subjectKey(subject), column,
        visitor));
    byCase.forEach((caseId, column) -> visit(QueryIndexFile.CASE, QueryIndexFile.caseKey(caseId), column, visitor));
  }

  private static void visit(byte kind, byte[] digest, LongColumn column, PostingVisitor visitor) {
    for (long i = 0; i < column.size(); i++) {
      visitor.accept(kind, digest, column.get(i));
    }
  }

  void add(long index, AuditEvent event) {
    event.subject().ifPresent(s -> bySubject.computeIfAbsent(s, k -> new LongColumn()).add(index));
    event.caseId().ifPresent(c -> byCase.computeIfAbsent(c, k -> new LongColumn()).add(index));
    event.messageId().ifPresent(m -> byMessage.computeIfAbsent(m, k -> new LongColumn()).add(index));
  }

  /** Up to {@code limit} entry indices of message {@code messageId}, from {@code fromIndex} on, ascending. */
  long[] byMessage(String messageId, long fromIndex, int limit) {
    return page(byMessage.get(messageId), fromIndex, limit);
  }

  /** Up to {@code limit} entry indices about {@code subject}, from {@code fromIndex} on, ascending. */
  long[] bySubject(SubjectPseudonym subject, long fromIndex, int limit) {
    return page(bySubject.get(subject), fromIndex, limit);
  }

  /** Up to {@code limit} entry indices of case {@code caseId}, from {@code fromIndex} on, ascending. */
  long[] byCase(String caseId, long fromIndex, int limit) {
    return page(byCase.get(caseId), fromIndex, limit);
  }

  private static long[] page(LongColumn postings, long fromIndex, int limit) {
    if (postings == null) {
      return new long[0];
    }
    long lo = 0;
    long hi = postings.size();
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (postings.get(mid) < fromIndex) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    long[] out = new long[(int) Math.min(Math.max(0, limit), postings.size() - lo)];
    for (int i = 0; i < out.length; i++) {
      out[i] = postings.get(lo + i);
    }
    return out;
  }
}
