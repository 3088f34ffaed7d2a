package dev.shuqiao.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of {@code java -jar shuqiao-core-<version>-cli.jar GROUP COMMAND [ARGS]} (and of the
 * {@code shuqiao} script). Exit codes: 0 success, 1 problems found, 2 wrong command line, 3 the
 * command could not run (e.g. a file could not be read).
 */
public final class ShuqiaoCli {

  static final int FAILURE = 3;

  private static final List<Command> COMMANDS = List.of(
      new CatalogValidateCommand(),
      new CatalogDcatCommand(),
      new KeysNewCaCommand(),
      new KeysRequestCommand(),
      new KeysIssueCommand(),
      new KeysCrlCommand(),
      new AuditVerifyCommand(),
      new AuditCrossCheckCommand(),
      new AuditRepairCommand());

  private ShuqiaoCli() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /** Runs a command line and returns its exit code; never throws. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      printHelp(args.length == 0 ? err : out);
      return args.length == 0 ? Command.USAGE : Command.OK;
    }
    Optional<Command> found = args.length < 2 ? Optional.empty() : find(args[0], args[1]);
    if (found.isEmpty()) {
      err.println("shuqiao: unknown command '" + String.join(" ", Arrays.asList(args).subList(0, Math.min(2, args.length))) + "'");
      printHelp(err);
      return Command.USAGE;
    }
    Command command = found.get();
    List<String> rest = Arrays.asList(args).subList(2, args.length);
    try {
      if (rest.contains("--help") || rest.contains("-h")) {
        out.println("usage: shuqiao " + command.group() + " " + command.name() + " " + command.usage());
        return Command.OK;
      }
      return command.run(rest, out, err);
    } catch (UsageException e) {
      err.println("shuqiao: " + e.getMessage());
      err.println("usage: shuqiao " + command.group() + " " + command.name() + " " + command.usage());
      return Command.USAGE;
    } catch (IOException | UncheckedIOException e) {
      err.println("shuqiao: " + e.getMessage());
      return FAILURE;
    } catch (Exception e) {
      // A bug, not a user mistake: say so briefly instead of dumping a stack trace on the user.
      err.println("shuqiao: internal error (" + e.getClass().getSimpleName() + "): " + e.getMessage());
      return FAILURE;
    }
  }

  private static Optional<Command> find(String group, String name) {
    return COMMANDS.stream().filter(c -> c.group().equals(group) && c.name().equals(name)).findFirst();
  }

  private static void printHelp(PrintStream stream) {
    stream.println("usage: shuqiao GROUP COMMAND [ARGS]");
    stream.println();
    for (Command command : COMMANDS) {
      stream.printf("  %-32s %s%n", command.group() + " " + command.name() + " " + firstWord(command.usage()),
          command.summary());
    }
    stream.println();
    stream.println("Add --help after a command for its options. Exit codes: 0 ok, 1 problems found, 2 usage, 3 failure.");
  }

  private static String firstWord(String usage) {
    int space = usage.indexOf(' ');
    return space < 0 ? usage : usage.substring(0, space);
  }
}
