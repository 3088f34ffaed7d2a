package dev.shuqiao.provider;

/**
 * Thrown by a {@link ResourceHandler} to refuse a query; the consumer gets problem
 * {@code query-refused} (422) with this exception's message as its detail, so write it for them and
 * keep personal data out of it.
 */
public final class QueryRefusedException extends RuntimeException {

  public QueryRefusedException(String message) {
    super(message);
  }
}
