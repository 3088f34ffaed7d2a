package dev.shuqiao.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One subcommand, e.g. {@code catalog validate}. Implementations are small final classes registered
 * in {@link ShuqiaoCli}; they print to the given streams and return an exit code.
 */
interface Command {

  /** Exit code: success. */
  int OK = 0;
  /** Exit code: the command ran and found problems (invalid catalog, failed verification). */
  int FINDINGS = 1;
  /** Exit code: the command line itself was wrong. */
  int USAGE = 2;

  /** First word, e.g. {@code catalog}. */
  String group();

  /** Second word, e.g. {@code validate}. */
  String name();

  /** Arguments and options after the two words, e.g. {@code FILE... [--format text|json]}. */
  String usage();

  /** One line for the help listing. */
  String summary();

  /**
   * Runs the command.
   *
   * @throws UsageException for a wrong command line (printed with the usage, exit code 2)
   */
  int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
