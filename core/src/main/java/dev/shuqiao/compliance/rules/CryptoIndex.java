package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.Location;
import dev.shuqiao.compliance.RuleContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Every crypto API use in the project, resolved interprocedurally: a sink whose algorithm or key
 * material comes from a parameter is resolved at each project call site that passes a constant,
 * and a use inside a helper is also reported at each project call site of that helper.
 */
final class CryptoIndex {

  private static final int MAX_DEPTH = 8;

  /** A sink use waiting for its callers' arguments. */
  private record Pending(Sink sink, SymbolicValue algorithm, SymbolicValue material, String via, int depth) {}

  /** A project call site: who calls, with what. */
  private record Caller(MethodScan scan, CallSite call) {}

  private final ProjectClasses classes;
  private final Map<MethodNode, MethodScan> scans = new LinkedHashMap<>();
  private final Map<MethodNode, List<Caller>> callers = new LinkedHashMap<>();
  private final List<CryptoUse> uses = new ArrayList<>();
  private final Map<MethodScan, List<CryptoUse>> resolvedIn = new LinkedHashMap<>();

  private CryptoIndex(ProjectClasses classes) {
    this.classes = classes;
  }

  static CryptoIndex of(RuleContext context) {
    return context.shared(CryptoIndex.class, c -> build(ProjectClasses.of(c)));
  }

  static CryptoIndex build(ProjectClasses classes) {
    CryptoIndex index = new CryptoIndex(classes);
    index.scanAll();
    index.propagateFilledParameters();
    index.resolve();
    index.uses.sort(java.util.Comparator.comparing((CryptoUse u) -> u.location().file())
        .thenComparingInt(u -> u.location().line()));
    return index;
  }

  /** Uses of any of the given sinks, in class order. */
  List<CryptoUse> uses(Sink first, Sink... rest) {
    Set<Sink> wanted = EnumSet.of(first, rest);
    return uses.stream().filter(u -> wanted.contains(u.sink())).toList();
  }

  private void scanAll() {
    MethodScanner scanner = new MethodScanner(classes);
    Map<String, SymbolicValue> fields = FieldFacts.compute(classes, scanner);
    for (ClassNode type : classes.classes()) {
      for (MethodNode method : type.methods) {
        if (MethodScan.worthScanning(method)) {
          scans.put(method, scanner.scan(type, method, fields));
        }
      }
    }
    for (MethodScan scan : scans.values()) {
      for (CallSite call : scan.calls) {
        MethodNode callee = classes.resolve(call.owner(), call.name(), call.desc());
        if (callee != null && callee != scan.method) {
          callers.computeIfAbsent(callee, k -> new ArrayList<>()).add(new Caller(scan, call));
        }
      }
    }
  }

  /** An array passed to a project method that fills its parameter is filled too. */
  private void propagateFilledParameters() {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<MethodNode, List<Caller>> entry : callers.entrySet()) {
        MethodScan callee = scans.get(entry.getKey());
        if (callee == null || callee.filledParameters.isEmpty()) {
          continue;
        }
        for (Caller caller : entry.getValue()) {
          for (int i : callee.filledParameters) {
            SymbolicValue argument = caller.call().arguments().get(i);
            int before = caller.scan().filledArrays.size() + caller.scan().filledParameters.size();
            caller.scan().markFilled(argument);
            changed |= before != caller.scan().filledArrays.size() + caller.scan().filledParameters.size();
          }
        }
      }
    }
  }

  private void resolve() {
    Deque<Map.Entry<MethodScan, Pending>> work = new ArrayDeque<>();
    for (ClassNode type : classes.classes()) {
      for (MethodNode method : type.methods) {
        MethodScan scan = scans.get(method);
        if (scan == null) {
          continue;
        }
        for (CallSite call : scan.calls) {
          Sink.Evidence evidence = Sink.of(call);
          if (evidence != null) {
            Pending pending = new Pending(evidence.sink(), evidence.algorithm(), evidence.material(), "", 0);
            judge(scan, pending, call.line(), work);
          }
        }
      }
    }
    Set<String> seen = new HashSet<>();
    while (!work.isEmpty()) {
      Map.Entry<MethodScan, Pending> task = work.pop();
      MethodScan callee = task.getKey();
      Pending pending = task.getValue();
      String via = via(callee, pending.via());
      for (Caller caller : callers.getOrDefault(callee.method, List.of())) {
        List<SymbolicValue> args = caller.call().arguments();
        Pending substituted = new Pending(pending.sink(), Substitution.apply(pending.algorithm(), args),
            Substitution.apply(pending.material(), args), via, pending.depth() + 1);
        if (substituted.depth() <= MAX_DEPTH
            && seen.add(System.identityHashCode(caller.scan()) + "|" + caller.call().line() + "|" + substituted)) {
          judge(caller.scan(), substituted, caller.call().line(), work);
        }
      }
    }
    reportAtHelperCallSites();
  }

  /** Turns pending evidence into a use, more pending work, or nothing (when not decidable). */
  private void judge(MethodScan scan, Pending pending, int line, Deque<Map.Entry<MethodScan, Pending>> work) {
    Evaluation algorithm = Evaluation.algorithm(pending.sink(), pending.algorithm());
    Evaluation material = Evaluation.material(pending.sink(), pending.material(), scan);
    if (algorithm.dropped() || material.dropped()) {
      return;
    }
    if (algorithm.pending() || material.pending()) {
      work.add(Map.entry(scan, pending));
      return;
    }
    Location location = ProjectClasses.location(scan.owner, scan.method, line);
    CryptoUse use = new CryptoUse(pending.sink(), algorithm.text(), material.size(),
        material.constant(), location, pending.via());
    uses.add(use);
    resolvedIn.computeIfAbsent(scan, k -> new ArrayList<>()).add(use);
  }

  private void reportAtHelperCallSites() {
    for (Map.Entry<MethodScan, List<CryptoUse>> entry : resolvedIn.entrySet()) {
      MethodScan helper = entry.getKey();
      for (Caller caller : callers.getOrDefault(helper.method, List.of())) {
        Location location = ProjectClasses.location(caller.scan().owner, caller.scan().method, caller.call().line());
        for (CryptoUse use : entry.getValue()) {
          uses.add(new CryptoUse(use.sink(), use.algorithm(), use.keySize(), use.constantMaterial(),
              location, via(helper, use.via())));
        }
      }
    }
  }

  private static String via(MethodScan scan, String deeper) {
    String self = ProjectClasses.display(scan.owner, scan.method)
        + " at " + ProjectClasses.location(scan.owner, scan.method, scan.firstLine());
    return deeper.isEmpty() ? self : self + " → " + deeper;
  }
}
