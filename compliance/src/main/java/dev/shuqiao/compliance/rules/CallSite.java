package dev.shuqiao.compliance.rules;

import java.util.List;

/**
 * One method call in analysed code with what the dataflow knows about its arguments (receiver
 * excluded) and receiver ({@code null} for static calls).
 */
record CallSite(String owner, String name, String desc, List<SymbolicValue> arguments,
    SymbolicValue receiver, int line) {

  boolean is(String owner, String name) {
    return this.owner.equals(owner) && this.name.equals(name);
  }
}
