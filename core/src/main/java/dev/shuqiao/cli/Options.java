package dev.shuqiao.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A parsed command line: {@code --name value} options (or {@code --name=value}) and positional arguments. */
final class Options {

  private final Map<String, List<String>> values;
  private final List<String> positional;

  private Options(Map<String, List<String>> values, List<String> positional) {
    this.values = values;
    this.positional = positional;
  }

  /**
   * @param known the options that take a value; any other {@code --x} is a usage error
   */
  static Options parse(List<String> args, List<String> known) throws UsageException {
    Map<String, List<String>> values = new HashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        positional.add(arg);
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (!known.contains(name)) {
        throw new UsageException("unknown option " + name);
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new UsageException(name + " needs a value");
      }
      values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return new Options(values, positional);
  }

  /** The value of {@code name} (the last one when it was given more than once), or {@code fallback}. */
  String value(String name, String fallback) {
    List<String> given = values.get(name);
    return given == null ? fallback : given.get(given.size() - 1);
  }

  /** Every value of an option that may be repeated, in command-line order. */
  List<String> values(String name) {
    return values.getOrDefault(name, List.of());
  }

  List<String> positional() {
    return positional;
  }
}
