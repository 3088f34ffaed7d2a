package dev.shuqiao.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Who acted: the department (its unified code), the departmental system that called, and the
 * operator inside it if the system knows one. The operator id is a staff or account id, never a
 * citizen's identity number.
 */
public record Actor(String departmentCode, String system, Optional<String> operatorId) {

  public Actor {
    FieldRules.requireText("actor department code", departmentCode);
    FieldRules.requireText("actor system", system);
    Objects.requireNonNull(operatorId, "operatorId");
    operatorId.ifPresent(id -> FieldRules.requireText("actor operator id", id));
  }

  /** An actor without a known operator. */
  public static Actor of(String departmentCode, String system) {
    return new Actor(departmentCode, system, Optional.empty());
  }

  /** An actor with an operator id. */
  public static Actor of(String departmentCode, String system, String operatorId) {
    return new Actor(departmentCode, system, Optional.of(operatorId));
  }
}
