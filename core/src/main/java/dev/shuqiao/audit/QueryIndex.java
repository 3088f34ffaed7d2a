package dev.shuqiao.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Postings from data subject and case id to entry indices, in index order. Built while the log is
 * opened (every record is read then anyway) and extended after each durable batch. Guarded by the
 * log's lock.
 */
final class QueryIndex {

  private final Map<SubjectPseudonym, LongColumn> bySubject = new HashMap<>();
  private final Map<String, LongColumn> byCase = new HashMap<>();

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
  }

  List<AuditEntry> bySubject(SubjectPseudonym subject, long fromIndex, int limit, LongFunction<AuditEvent> reader) {
    return page(bySubject.get(subject), fromIndex, limit, reader);
  }

  List<AuditEntry> byCase(String caseId, long fromIndex, int limit, LongFunction<AuditEvent> reader) {
    return page(byCase.get(caseId), fromIndex, limit, reader);
  }

  private static List<AuditEntry> page(LongColumn postings, long fromIndex, int limit,
      LongFunction<AuditEvent> reader) {
    if (postings == null) {
      return List.of();
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
    java.util.ArrayList<AuditEntry> out = new java.util.ArrayList<>();
    for (long i = lo; i < postings.size() && out.size() < limit; i++) {
      long index = postings.get(i);
      out.add(new AuditEntry(index, reader.apply(index)));
    }
    return out;
  }
}
