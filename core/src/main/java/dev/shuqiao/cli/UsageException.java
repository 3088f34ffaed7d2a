package dev.shuqiao.cli;

/** A wrong command line; the message says what is wrong and the CLI prints the usage after it. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
