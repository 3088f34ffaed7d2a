package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.Location;
import dev.shuqiao.compliance.RuleContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.tree.MethodNode;

/**
 * Every crypto API use in the project, resolved interprocedurally: a sink whose algorithm or key
 * material comes from a parameter is resolved at each project call site that passes a constant,
 * and a use inside a helper is also reported at each project call site of that helper. Methods
 * are analysed on demand: the ones calling crypto APIs, then the callers the propagation needs.
 */
final class CryptoIndex {

  private static final int MAX_DEPTH = 8;

  /** A sink use waiting for its callers' arguments. */
  private record Pending(Sink sink, SymbolicValue algorithm, SymbolicValue material, String via, int depth) {}

  private final ProjectClasses classes;
  private final CallGraph graph;
  private final MethodScanner scanner;
  private final FieldFacts fields;
  private final ReturnSummaries returns;
  private final Map<MethodNode, MethodScan> scans = new IdentityHashMap<>();
  /** Per method (by identity), per parameter index: whether the method may fill that array. */
  private final Map<MethodNode, Map<Integer, Boolean>> fills = new IdentityHashMap<>();
  private final List<CryptoUse> uses = new ArrayList<>();
  private final Map<MethodScan, List<CryptoUse>> resolvedIn = new LinkedHashMap<>();
  private final Deque<Map.Entry<MethodScan, Pending>> work = new ArrayDeque<>();

  private CryptoIndex(ProjectClasses classes) {
    this.classes = classes;
    this.graph = new CallGraph(classes);
    this.scanner = new MethodScanner(classes);
    this.fields = new FieldFacts(classes, scanner);
    this.returns = new ReturnSummaries(classes, this::scan);
    scanner.returns(returns);
  }

  static CryptoIndex of(RuleContext context) {
    return context.shared(CryptoIndex.class, c -> build(ProjectClasses.of(c)));
  }

  static CryptoIndex build(ProjectClasses classes) {
    CryptoIndex index = new CryptoIndex(classes);
    index.resolve();
    index.uses.sort(Comparator.comparing((CryptoUse u) -> u.location().file())
        .thenComparingInt(u -> u.location().line()));
    return index;
  }

  /** Uses of any of the given sinks, sorted by file and line. */
  List<CryptoUse> uses(Sink first, Sink... rest) {
    Set<Sink> wanted = EnumSet.of(first, rest);
    return uses.stream().filter(u -> wanted.contains(u.sink())).toList();
  }

  private MethodScan scan(MethodNode method) {
    MethodScan scan = scans.get(method);
    if (scan == null) {
      scan = scanner.scan(classes.owner(method), method, fields);
      scans.put(method, scan);
    }
    return scan;
  }

  private void resolve() {
    for (MethodNode seed : graph.seeds()) {
      MethodScan scan = scan(seed);
      for (CallSite call : scan.calls) {
        Sink.Evidence evidence = Sink.of(call);
        if (evidence != null) {
          judge(scan, new Pending(evidence.sink(), evidence.algorithm(), evidence.material(), "", 0), call.line());
        }
      }
    }
    // Keyed by the caller's identity: identityHashCode is not unique, so it cannot stand in for it.
    Map<MethodScan, Set<String>> seen = new IdentityHashMap<>();
    while (!work.isEmpty()) {
      Map.Entry<MethodScan, Pending> task = work.pop();
      MethodScan callee = task.getKey();
      Pending pending = task.getValue();
      String via = via(callee, pending.via());
      for (Site call : callSitesOf(callee.method)) {
        MethodScan caller = call.scan();
        List<SymbolicValue> args = call.call().arguments();
        Pending substituted = new Pending(pending.sink(), Substitution.apply(pending.algorithm(), args),
            Substitution.apply(pending.material(), args), via, pending.depth() + 1);
        if (substituted.depth() <= MAX_DEPTH
            && seen.computeIfAbsent(caller, k -> new HashSet<>()).add(call.call().line() + "|" + substituted)) {
          judge(caller, substituted, call.call().line());
        }
      }
    }
    reportAtHelperCallSites();
  }

  /** A call site together with the analysed method it is in. */
  private record Site(MethodScan scan, CallSite call) {}

  private List<Site> callSitesOf(MethodNode callee) {
    List<Site> sites = new ArrayList<>();
    for (MethodNode caller : graph.callers(callee)) {
      MethodScan scan = scan(caller);
      for (CallSite site : scan.calls) {
        if (classes.dispatches(classes.resolve(site.owner(), site.name(), site.desc()), callee)) {
          sites.add(new Site(scan, site));
        }
      }
    }
    return sites;
  }

  /** Turns pending evidence into a use, more pending work, or nothing (when not decidable). */
  private void judge(MethodScan scan, Pending pending, int line) {
    Evaluation algorithm = Evaluation.algorithm(pending.sink(), pending.algorithm());
    Evaluation material = Evaluation.material(pending.sink(), pending.material(), v -> filled(scan, v));
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

  /** Whether a fresh array may receive non-constant bytes here or in a project method it is passed to. */
  private boolean filled(MethodScan scan, SymbolicValue array) {
    if (scan.filledArrays.contains(array.origin())) {
      return true;
    }
    for (CallSite call : scan.calls) {
      for (int i = 0; i < call.arguments().size(); i++) {
        if (call.arguments().get(i).equals(array)) {
          MethodNode callee = classes.resolve(call.owner(), call.name(), call.desc());
          if (callee != null && fills(callee, i)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Whether project method {@code method} may write into the array passed as parameter {@code index}. */
  private boolean fills(MethodNode method, int index) {
    Map<Integer, Boolean> known = fills.computeIfAbsent(method, k -> new HashMap<>());
    if (known.containsKey(index)) {
      return known.get(index);
    }
    known.put(index, false);
    MethodScan scan = scan(method);
    boolean result = scan.filledParameters.contains(index);
    for (CallSite call : scan.calls) {
      for (int i = 0; !result && i < call.arguments().size(); i++) {
        SymbolicValue argument = call.arguments().get(i);
        if (argument.kind() == SymbolicValue.Kind.PARAM && argument.number() == index) {
          MethodNode callee = classes.resolve(call.owner(), call.name(), call.desc());
          result = callee != null && fills(callee, i);
        }
      }
    }
    known.put(index, result);
    return result;
  }

  private void reportAtHelperCallSites() {
    for (Map.Entry<MethodScan, List<CryptoUse>> entry : resolvedIn.entrySet()) {
      MethodScan helper = entry.getKey();
      for (Site call : callSitesOf(helper.method)) {
        MethodScan caller = call.scan();
        Location location = ProjectClasses.location(caller.owner, caller.method, call.call().line());
        for (CryptoUse use : entry.getValue()) {
          uses.add(new CryptoUse(use.sink(), use.written(), use.keySize(), use.constantMaterial(),
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
