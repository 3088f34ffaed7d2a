package dev.shuqiao.bundle;

import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.catalog.SourcePosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the positioned tree of a definition into a {@link BundleDefinition}, collecting every problem:
 * shape first, then the catalog (resources, items, providers), consent scope, inputs and cycles.
 */
final class DefinitionBinder {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
  static final int MAX_RETRIES = 10;
  private static final Pattern STEP_ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,6})(ms|s|m)");
  private static final Set<String> TOP_FIELDS = Set.of("bundle", "name", "purpose", "form", "consent", "steps");
  private static final Set<String> STEP_FIELDS = Set.of("id", "resource", "provider", "items", "inputs", "required",
      "timeout", "retries", "purpose", "grant");
  private static final Set<String> CONSENT_FIELDS = Set.of("resource", "items");

  private final String source;
  private final ResourceLookup lookup;
  private final List<BundleProblem> problems = new ArrayList<>();
  private final Map<String, Optional<ResourceLookup.Resource>> resources = new HashMap<>();

  DefinitionBinder(String source, ResourceLookup lookup) {
    this.source = source;
    this.lookup = lookup;
  }

  /** A step while binding: the values, and the nodes later checks point at. */
  private static final class Draft {
    String path;
    YamlTree.Scalar idNode;
    String id;
    String resourceCode;
    YamlTree resourceNode;
    String providerCode;
    final List<String> items = new ArrayList<>();
    final Map<String, YamlTree.Scalar> inputs = new LinkedHashMap<>();
    boolean required = true;
    Duration timeout = DEFAULT_TIMEOUT;
    int retries;
    String purpose;
    String grantId;
    boolean unique = true;
  }

  BundleDefinition bind(String text, String digest) {
    YamlTree root = YamlTree.parse(source, text, problems::add);
    if (root == null) {
      throw invalid();
    }
    Fields top = Fields.of(root, "", TOP_FIELDS, this);
    if (top == null) {
      throw invalid();
    }
    checkVersion(top);
    String name = top.text("name", true);
    String purpose = top.text("purpose", false);
    List<String> form = form(top);
    Map<String, Set<String>> scope = consent(top);
    List<Draft> drafts = steps(top, purpose, scope);
    top.finish();
    Map<String, Draft> byId = new LinkedHashMap<>();
    for (Draft draft : drafts) {
      if (draft.id != null && draft.unique) {
        byId.put(draft.id, draft);
      }
    }
    for (Draft draft : drafts) {
      checkInputs(draft, form, byId);
    }
    checkCycles(drafts, byId);
    if (!problems.isEmpty()) {
      throw invalid();
    }
    List<BundleDefinition.Step> steps = new ArrayList<>();
    for (Draft d : drafts) {
      Map<String, String> inputs = new LinkedHashMap<>();
      d.inputs.forEach((parameter, node) -> inputs.put(parameter, node.text));
      steps.add(new BundleDefinition.Step(d.id, d.resourceCode, d.providerCode, d.items, inputs, d.required,
          d.timeout, d.retries, d.purpose, Optional.ofNullable(d.grantId)));
    }
    return new BundleDefinition(source, name, form, steps, scope, digest);
  }

  void report(BundleRule rule, SourcePosition at, String path, String message, String hint) {
    problems.add(rule.at(at, path, message, hint));
  }

  private InvalidBundleException invalid() {
    problems.sort(Comparator.comparingInt((BundleProblem p) -> p.position().line())
        .thenComparingInt(p -> p.position().column()));
    return new InvalidBundleException(source, problems);
  }

  private void checkVersion(Fields top) {
    YamlTree version = top.raw("bundle");
    if (version == null) {
      top.missing("bundle", "start the file with 'bundle: " + BundleDefinition.FORMAT_VERSION + "'");
    } else if (!(version instanceof YamlTree.Scalar s) || !String.valueOf(BundleDefinition.FORMAT_VERSION)
        .equals(s.text)) {
      report(BundleRule.UNSUPPORTED_VERSION, version.position, "bundle", "format version "
          + (version instanceof YamlTree.Scalar s2 ? "'" + s2.text + "'" : version.kind()) + " is not supported",
          "write 'bundle: " + BundleDefinition.FORMAT_VERSION + "' (the only format this SDK reads)");
    }
  }

  private List<String> form(Fields top) {
    List<String> fields = new ArrayList<>();
    List<YamlTree.Scalar> nodes = top.textList("form", false);
    for (YamlTree.Scalar node : nodes) {
      if (node.text.contains(".") || node.text.isBlank()) {
        report(BundleRule.INVALID_VALUE, node.position, "form", "form field '" + node.text + "' is blank or has a '.'",
            "name form fields without dots, e.g. birthCertificateNumber");
      } else if (fields.contains(node.text)) {
        report(BundleRule.INVALID_VALUE, node.position, "form", "form field '" + node.text + "' is listed twice",
            "list each form field once");
      } else {
        fields.add(node.text);
      }
    }
    return fields;
  }

  private Map<String, Set<String>> consent(Fields top) {
    Map<String, Set<String>> scope = new LinkedHashMap<>();
    YamlTree.ListNode list = top.list("consent", true);
    if (list == null) {
      return scope;
    }
    if (list.elements.isEmpty()) {
      report(BundleRule.REQUIRED_FIELD, list.position, "consent", "the consent scope is empty",
          "list every resource and item the steps obtain; the applicant consents to exactly this scope");
    }
    for (int i = 0; i < list.elements.size(); i++) {
      Fields entry = Fields.of(list.elements.get(i), "consent[" + i + "]", CONSENT_FIELDS, this);
      if (entry == null) {
        continue;
      }
      String code = entry.text("resource", true);
      YamlTree codeNode = entry.raw("resource");
      List<YamlTree.Scalar> items = entry.textList("items", true);
      entry.finish();
      if (code == null) {
        continue;
      }
      if (scope.containsKey(code)) {
        report(BundleRule.DUPLICATE_CONSENT, codeNode.position, entry.path("resource"), "resource '" + code
            + "' appears twice in the consent scope", "merge its items into one entry");
        continue;
      }
      Optional<ResourceLookup.Resource> resource = resource(code, codeNode, entry.path("resource"));
      Set<String> granted = new LinkedHashSet<>();
      for (YamlTree.Scalar item : items) {
        resource.ifPresent(r -> checkItem(r, item, entry.path("items")));
        granted.add(item.text);
      }
      scope.put(code, granted);
    }
    return scope;
  }

  private List<Draft> steps(Fields top, String bundlePurpose, Map<String, Set<String>> scope) {
    List<Draft> drafts = new ArrayList<>();
    YamlTree.ListNode list = top.list("steps", true);
    if (list == null) {
      return drafts;
    }
    if (list.elements.isEmpty()) {
      report(BundleRule.REQUIRED_FIELD, list.position, "steps", "the bundle has no steps",
          "add at least one step (see docs/bundle.md)");
    }
    Map<String, YamlTree.Scalar> ids = new HashMap<>();
    for (int i = 0; i < list.elements.size(); i++) {
      Draft draft = new Draft();
      draft.path = "steps[" + i + "]";
      Fields step = Fields.of(list.elements.get(i), draft.path, STEP_FIELDS, this);
      if (step == null) {
        continue;
      }
      drafts.add(draft);
      stepId(step, draft, ids);
      draft.resourceCode = step.text("resource", true);
      draft.resourceNode = step.raw("resource");
      draft.providerCode = step.text("provider", true);
      for (YamlTree.Scalar item : step.textList("items", true)) {
        if (draft.items.contains(item.text)) {
          report(BundleRule.INVALID_VALUE, item.position, step.path("items"), "item '" + item.text + "' is listed twice",
              "list each item once");
        } else {
          draft.items.add(item.text);
        }
      }
      inputs(step, draft);
      draft.required = step.bool("required", true);
      draft.timeout = timeout(step);
      draft.retries = retries(step);
      String purpose = step.text("purpose", false);
      draft.purpose = purpose != null ? purpose : bundlePurpose;
      if (draft.purpose == null && step.raw("purpose") == null) {
        step.missing("purpose", "say why this data is needed (the hub checks it and every audit log records it),"
            + " here or once for the bundle as top-level 'purpose'");
      }
      draft.grantId = step.text("grant", false);
      step.finish();
      checkCatalog(step, draft, scope);
    }
    return drafts;
  }

  private void stepId(Fields step, Draft draft, Map<String, YamlTree.Scalar> ids) {
    draft.id = step.text("id", true);
    if (draft.id == null) {
      return;
    }
    draft.idNode = (YamlTree.Scalar) step.raw("id");
    if (!STEP_ID.matcher(draft.id).matches()) {
      report(BundleRule.INVALID_VALUE, draft.idNode.position, step.path("id"), "step id '" + draft.id
          + "' is not lower-case letters, digits and '-', starting with a letter", "rename it, e.g. household-registration");
      draft.id = null;
      return;
    }
    YamlTree.Scalar first = ids.putIfAbsent(draft.id, draft.idNode);
    if (first != null) {
      draft.unique = false;
      report(BundleRule.DUPLICATE_STEP, draft.idNode.position, step.path("id"), "step id '" + draft.id
          + "' is already used at line " + first.position.line(), "give every step its own id");
    }
  }

  private void inputs(Fields step, Draft draft) {
    YamlTree node = step.raw("inputs");
    if (node == null) {
      return;
    }
    if (!(node instanceof YamlTree.MapNode map)) {
      report(BundleRule.WRONG_TYPE, node.position, step.path("inputs"), "expected an object of parameter: source, found "
          + node.kind(), "write one 'parameter: form.<field>' or 'parameter: steps.<id>.<item>' per line");
      return;
    }
    for (YamlTree.Entry entry : map.entries) {
      String path = step.path("inputs") + "." + entry.key;
      if (draft.inputs.containsKey(entry.key)) {
        continue; // a duplicate key, already reported
      }
      if (!(entry.value instanceof YamlTree.Scalar scalar) || !scalar.isText()) {
        report(BundleRule.WRONG_TYPE, entry.value.position, path, "expected text, found " + entry.value.kind(),
            "write form.<field> or steps.<id>.<item>");
        continue;
      }
      if (InputReference.parse(scalar.text).isEmpty()) {
        report(BundleRule.INVALID_VALUE, scalar.position, path, "'" + scalar.text
            + "' is neither form.<field> nor steps.<id>.<item>", "take the value from the form or an earlier step's item");
        continue;
      }
      draft.inputs.put(entry.key, scalar);
    }
  }

  private Duration timeout(Fields step) {
    String text = step.text("timeout", false);
    if (text == null) {
      return DEFAULT_TIMEOUT;
    }
    var matcher = DURATION.matcher(text);
    Duration timeout = null;
    if (matcher.matches()) {
      long n = Long.parseLong(matcher.group(1));
      timeout = switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        default -> Duration.ofMinutes(n);
      };
    }
    if (timeout == null || timeout.compareTo(MAX_TIMEOUT) > 0) {
      report(BundleRule.INVALID_VALUE, step.raw("timeout").position, step.path("timeout"), "timeout '" + text
          + "' is not a duration of at most 10 minutes", "write e.g. 500ms, 10s or 2m");
      return DEFAULT_TIMEOUT;
    }
    return timeout;
  }

  private int retries(Fields step) {
    YamlTree node = step.raw("retries");
    if (node == null) {
      return 0;
    }
    if (node instanceof YamlTree.Scalar s && s.text.matches("[0-9]{1,2}") && Integer.parseInt(s.text) <= MAX_RETRIES) {
      return Integer.parseInt(s.text);
    }
    report(BundleRule.INVALID_VALUE, node.position, step.path("retries"), "retries must be a whole number from 0 to "
        + MAX_RETRIES, "write e.g. 'retries: 2' (two more attempts after a failed one)");
    return 0;
  }

  private void checkCatalog(Fields step, Draft draft, Map<String, Set<String>> scope) {
    if (draft.resourceCode == null) {
      return;
    }
    Optional<ResourceLookup.Resource> resource = resource(draft.resourceCode, draft.resourceNode, step.path("resource"));
    YamlTree itemsNode = step.raw("items");
    if (resource.isPresent()) {
      if (draft.providerCode != null) {
        checkProvider(step, draft, resource.get());
      }
      if (itemsNode instanceof YamlTree.ListNode items) {
        for (YamlTree element : items.elements) {
          if (element instanceof YamlTree.Scalar item) {
            checkItem(resource.get(), item, step.path("items"));
          }
        }
      }
    }
    Set<String> granted = scope.get(draft.resourceCode);
    if (granted == null) {
      if (!scope.isEmpty()) {
        report(BundleRule.CONSENT_SCOPE, draft.resourceNode.position, step.path("resource"), "resource '"
            + draft.resourceCode + "' is outside the consent scope", "add it and its items under 'consent'");
      }
      return;
    }
    if (itemsNode instanceof YamlTree.ListNode items) {
      for (YamlTree element : items.elements) {
        if (element instanceof YamlTree.Scalar item && !granted.contains(item.text)) {
          report(BundleRule.CONSENT_SCOPE, item.position, step.path("items"), "item '" + item.text
              + "' of resource '" + draft.resourceCode + "' is outside the consent scope",
              "add it to that resource's items under 'consent', or stop asking for it");
        }
      }
    }
  }

  private void checkProvider(Fields step, Draft draft, ResourceLookup.Resource resource) {
    YamlTree node = step.raw("provider");
    try {
      CreditCode.parse(draft.providerCode);
    } catch (IllegalArgumentException e) {
      report(BundleRule.INVALID_VALUE, node.position, step.path("provider"), "'" + draft.providerCode
          + "' is not a valid 统一社会信用代码", "copy the provider's 18-character code from the catalog");
      return;
    }
    if (!resource.providerCode().equals(draft.providerCode)) {
      report(BundleRule.PROVIDER_MISMATCH, node.position, step.path("provider"), "resource '" + resource.code()
          + "' is provided by " + resource.providerCode() + ", not " + draft.providerCode,
          "write provider: " + resource.providerCode());
    }
  }

  private void checkItem(ResourceLookup.Resource resource, YamlTree.Scalar item, String path) {
    if (!resource.items().contains(item.text)) {
      report(BundleRule.UNKNOWN_ITEM, item.position, path, "resource '" + resource.code() + "' has no item '"
          + item.text + "'", "use one of its items: " + String.join(", ", resource.items()));
    }
  }

  private Optional<ResourceLookup.Resource> resource(String code, YamlTree node, String path) {
    Optional<ResourceLookup.Resource> resource = resources.computeIfAbsent(code, lookup::resource);
    if (resource.isEmpty()) {
      report(BundleRule.UNKNOWN_RESOURCE, node.position, path, "no resource '" + code + "' in the catalog",
          "correct the code, or register the resource in the catalog first");
    }
    return resource;
  }

  private void checkInputs(Draft draft, List<String> form, Map<String, Draft> byId) {
    draft.inputs.forEach((parameter, node) -> {
      InputReference reference = InputReference.parse(node.text).orElseThrow();
      String path = draft.path + ".inputs." + parameter;
      if (reference.fromForm()) {
        if (!form.contains(reference.name())) {
          report(BundleRule.INPUT_UNRESOLVED, node.position, path, "form field '" + reference.name()
              + "' is not declared", "add it to the top-level 'form' list");
        }
        return;
      }
      Draft producer = byId.get(reference.step());
      if (producer == null) {
        report(BundleRule.INPUT_UNRESOLVED, node.position, path, "no step '" + reference.step() + "' produces '"
            + reference.name() + "'", "name an existing step id (" + String.join(", ", byId.keySet()) + ")");
      } else if (producer == draft) {
        report(BundleRule.STEP_CYCLE, node.position, path, "step '" + draft.id + "' takes its own output as input",
            "take the value from the form or an earlier step");
      } else if (!producer.items.contains(reference.name())) {
        report(BundleRule.INPUT_UNRESOLVED, node.position, path, "step '" + producer.id + "' does not obtain item '"
            + reference.name() + "'", "add '" + reference.name() + "' to the items of step '" + producer.id + "'");
      }
    });
  }

  /** Reports each dependency cycle once, at the first of its steps in document order. */
  private void checkCycles(List<Draft> drafts, Map<String, Draft> byId) {
    Set<String> done = new HashSet<>();
    for (Draft start : drafts) {
      if (start.id == null || !start.unique || done.contains(start.id)) {
        continue;
      }
      List<String> cycle = findCycle(start.id, byId, new ArrayList<>(), new HashSet<>(), done);
      if (cycle != null) {
        YamlTree.Scalar at = start.idNode;
        for (YamlTree.Scalar input : start.inputs.values()) {
          InputReference reference = InputReference.parse(input.text).orElseThrow();
          if (!reference.fromForm() && cycle.contains(reference.step())) {
            at = input;
            break;
          }
        }
        report(BundleRule.STEP_CYCLE, at.position, start.path + ".inputs", "steps depend on each other in a cycle: "
            + String.join(" → ", cycle), "break the cycle: one of these steps must take its input from the form");
        done.addAll(cycle);
      }
    }
  }

  /** A cycle through {@code id}'s dependencies (as a path that ends where it starts), or null. */
  private List<String> findCycle(String id, Map<String, Draft> byId, List<String> path, Set<String> onPath,
      Set<String> done) {
    if (onPath.contains(id)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
      cycle.add(id);
      return cycle;
    }
    if (done.contains(id) || !byId.containsKey(id)) {
      return null;
    }
    path.add(id);
    onPath.add(id);
    for (YamlTree.Scalar input : byId.get(id).inputs.values()) {
      InputReference reference = InputReference.parse(input.text).orElseThrow();
      if (!reference.fromForm() && !reference.step().equals(id)) {
        List<String> cycle = findCycle(reference.step(), byId, path, onPath, done);
        if (cycle != null) {
          return cycle;
        }
      }
    }
    path.remove(path.size() - 1);
    onPath.remove(id);
    done.add(id);
    return null;
  }
}
