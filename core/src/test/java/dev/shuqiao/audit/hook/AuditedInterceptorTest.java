package dev.shuqiao.audit.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditException;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.audit.SubjectPseudonym;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditedInterceptorTest {

  /** A bean as a vendor would write it. */
  public static class BirthRegistry {
    public int calls;

    @Audited(action = AuditAction.EXCHANGE_DELIVER, resource = "450200-HC-0001")
    public String deliver(String certificate) {
      calls++;
      return "certificate " + certificate;
    }

    @Audited
    public String lookUp() {
      throw new SecurityException("no grant");
    }

    @Audited(action = AuditAction.GRANT_APPROVE)
    public void approve() {
      throw new IllegalStateException("grant store down");
    }
  }

  @TempDir
  Path dir;

  private AuditLog log;
  private final AuditedInterceptor interceptor = new AuditedInterceptor();
  private final BirthRegistry bean = new BirthRegistry();
  private final SubjectPseudonym subject = HmacSubjectPseudonymizer.withKey(new byte[32]).pseudonymize("p-1");

  @BeforeEach
  void openLog() {
    log = AuditLog.builder().directory(dir).origin("audit.hook.example").open();
  }

  @AfterEach
  void closeLog() throws IOException {
    log.close();
  }

  private AuditScope scope() {
    return AuditScope.builder(log, Actor.of("11450200MB0000000T", "birth-portal", "clerk-1"))
        .caseId("CASE-7").subject(subject).open();
  }

  @Test
  void audit_recordsASuccessfulCallWithTheScopesActorAndCase() throws Exception {
    try (AuditScope scope = scope()) {
      Object result = interceptor.audit(new RealInvocationContext(bean, "deliver", "A-1"));
      assertThat(result).isEqualTo("certificate A-1");
    }
    AuditEvent event = log.read(0);
    assertThat(event.action()).isEqualTo(AuditAction.EXCHANGE_DELIVER);
    assertThat(event.resourceCode()).contains("450200-HC-0001");
    assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
    assertThat(event.actor().operatorId()).contains("clerk-1");
    assertThat(event.caseId()).contains("CASE-7");
    assertThat(event.subject()).contains(subject);
  }

  @Test
  void audit_recordsDeniedAndFailedCallsAndRethrows() throws Exception {
    try (AuditScope scope = scope()) {
      assertThatThrownBy(() -> interceptor.audit(new RealInvocationContext(bean, "lookUp")))
          .isInstanceOf(SecurityException.class);
      assertThatThrownBy(() -> interceptor.audit(new RealInvocationContext(bean, "approve")))
          .isInstanceOf(IllegalStateException.class).hasMessage("grant store down");
    }
    assertThat(log.read(0).outcome()).isEqualTo(AuditOutcome.DENIED);
    assertThat(log.read(0).resourceCode()).contains("BirthRegistry.lookUp");
    assertThat(log.read(1).outcome()).isEqualTo(AuditOutcome.FAILED);
    assertThat(log.read(1).action()).isEqualTo(AuditAction.GRANT_APPROVE);
  }

  @Test
  void audit_refusesToRunOutsideAnAuditScope() throws Exception {
    RealInvocationContext call = new RealInvocationContext(bean, "deliver", "A-1");
    assertThatThrownBy(() -> interceptor.audit(call)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside an audit scope");
    assertThat(bean.calls).isZero();
    assertThat(log.size()).isZero();
  }

  @Test
  void audit_withholdsTheResultWhenTheRecordCannotBeWritten() throws Exception {
    log.close(); // a closed log refuses appends, as a failed one does
    try (AuditScope scope = scope()) {
      assertThatThrownBy(() -> interceptor.audit(new RealInvocationContext(bean, "deliver", "A-1")))
          .isInstanceOf(AuditException.class);
    }
  }

  @Test
  void scopes_nestAndRestoreTheOuterScope() {
    List<String> seen = new ArrayList<>();
    try (AuditScope outer = scope()) {
      try (AuditScope inner = AuditScope.builder(log, Actor.of("D2", "job")).open()) {
        seen.add(AuditScope.current().orElseThrow().actor().departmentCode());
      }
      seen.add(AuditScope.current().orElseThrow().actor().departmentCode());
    }
    assertThat(seen).containsExactly("D2", "11450200MB0000000T");
    assertThat(AuditScope.current()).isEmpty();
  }
}
