package dev.shuqiao.audit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A vendor sink registered in {@code META-INF/services} of the test classpath. */
public final class RecordingHook implements AuditHook {

  static final List<AuditEntry> SEEN = new CopyOnWriteArrayList<>();

  @Override
  public void onAppended(AuditEntry entry) {
    SEEN.add(entry);
  }
}
