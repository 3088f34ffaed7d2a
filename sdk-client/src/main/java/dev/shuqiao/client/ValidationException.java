package dev.shuqiao.client;

import dev.shuqiao.client.model.ValidationProblem;
import java.util.List;
import java.util.Optional;

/**
 * HTTP 400/413/422: the request was invalid. {@link #field()} names the failing field; for a catalog
 * descriptor {@link #problems()} lists every validator problem at once.
 */
public final class ValidationException extends ShuqiaoException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final transient List<ValidationProblem> problems;

  public ValidationException(String message, int status, String type, String requestId, String field,
      List<ValidationProblem> problems) {
    super(message, status, type, requestId, null);
    this.field = field;
    this.problems = List.copyOf(problems);
  }

  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  public List<ValidationProblem> problems() {
    return problems;
  }
}
