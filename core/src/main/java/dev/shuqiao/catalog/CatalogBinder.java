package dev.shuqiao.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a descriptor tree into a {@link Catalog}, applying every {@link CatalogRule} on the way and
 * collecting all problems. The model is built only when no error was found.
 */
final class CatalogBinder implements FieldReader.ProblemSink {

  static final int SUPPORTED_VERSION = 1;

  private static final List<String> TOP_FIELDS = List.of("version", "catalog", "resources");
  private static final List<String> INFO_FIELDS = List.of("title", "description", "publisher", "level");
  private static final List<String> RESOURCE_FIELDS = List.of("code", "name", "classification", "provider",
      "abstract", "format", "items", "sharing", "openness", "updateCycle", "publishedOn", "related", "endpoint", "secrecy");
  private static final List<String> CLASSIFICATION_FIELDS = List.of("view", "code");
  private static final List<String> PROVIDER_FIELDS = List.of("name", "code");
  private static final List<String> ITEM_FIELDS = List.of("name", "type", "length", "description", "grade",
      "personal", "sensitive", "masking");
  private static final List<String> RELATED_FIELDS = List.of("code", "external");
  static final int MAX_ITEM_LENGTH = 1_000_000;

  private final ResourceCodeFormat format;
  private final LocalDate today;
  /** Year 0000 parses as a date, and so does 0001; no catalog entry was published before 1900. */
  static final int EARLIEST_YEAR = 1900;
  private final List<Problem> problems = new ArrayList<>();
  private final List<DataResource.Builder> resources = new ArrayList<>();
  /** Canonical resource code → path of the resource that declared it first. */
  private final Map<String, String> codePaths = new HashMap<>();
  /** Code and name of each resource by index, as written, for the problems inside it. */
  private final Map<Integer, String[]> labels = new HashMap<>();
  private final List<PendingRelation> relations = new ArrayList<>();
  private int errors;

  CatalogBinder(ResourceCodeFormat format, LocalDate today) {
    this.format = format;
    this.today = today;
  }

  @Override
  public void report(String path, CatalogRule rule, String message, SourcePosition at) {
    String[] label = labels.get(resourceIndex(path));
    problems.add(label == null ? new Problem(path, rule, message, at)
        : new Problem(path, rule, message, at, label[0], label[1]));
    if (rule.severity() == Severity.ERROR) {
      errors++;
    }
  }

  List<Problem> problems() {
    return problems;
  }

  /** Binds resource {@code index} of the top-level list, as soon as the parser has read it. */
  void resource(Node node, int index) {
    if (node instanceof Node.ObjectNode object) {
      String code = scalar(object, "code");
      String name = scalar(object, "name");
      if (code != null || name != null) {
        labels.put(index, new String[] {code, name});
      }
    }
    FieldReader fields = FieldReader.of(node, "resources[" + index + "]", this);
    if (fields != null) {
      resources.add(resource(fields));
    }
  }

  /**
   * Binds the rest of the document (resources the parser did not stream are bound here) and resolves
   * cross-references; null when any error was reported.
   */
  Catalog finish(Node root) {
    FieldReader top = FieldReader.of(root, "", this);
    if (top == null) {
      return null;
    }
    Node version = top.raw("version");
    if (version != null && !(version instanceof Node.ScalarNode v && v.text.strip().equals(String.valueOf(SUPPORTED_VERSION)))) {
      top.report("version", CatalogRule.UNSUPPORTED_VERSION, "this Shuqiao reads descriptor version "
          + SUPPORTED_VERSION + "; upgrade Shuqiao or write version: " + SUPPORTED_VERSION);
    }
    CatalogInfo info = info(top.object("catalog", true));
    Node.ArrayNode list = top.list("resources", true);
    if (list != null) {
      for (int i = 0; i < list.elements.size(); i++) {
        resource(list.elements.get(i), list.streamed + i);
      }
    }
    top.rejectUnknown(TOP_FIELDS);
    for (PendingRelation relation : relations) {
      if (!codePaths.containsKey(relation.code)) {
        report(relation.path, CatalogRule.RELATED_CODE_UNRESOLVED, "'" + relation.code + "' is not a resource of"
            + " this catalog; fix the code or mark it external (code: ..., external: true)", relation.at);
      }
    }
    if (errors > 0) {
      return null;
    }
    Catalog.Builder catalog = Catalog.builder(info);
    resources.forEach(resource -> catalog.addResource(resource.build()));
    return catalog.build();
  }

  private CatalogInfo info(FieldReader fields) {
    if (fields == null) {
      return null;
    }
    String title = fields.text("title", true);
    String description = fields.text("description", true);
    String publisher = fields.text("publisher", true);
    CatalogLevel level = fields.term("level", CatalogLevel.class, false);
    fields.rejectUnknown(INFO_FIELDS);
    return title == null || description == null || publisher == null ? null
        : new CatalogInfo(title, description, publisher, level == null ? CatalogLevel.DEPARTMENT : level);
  }

  private DataResource.Builder resource(FieldReader fields) {
    DataResource.Builder builder = DataResource.builder();
    ResourceCode code = resourceCode(fields);
    builder.code(code)
        .name(fields.text("name", true))
        .classification(classification(fields.object("classification", true), code))
        .provider(provider(fields.object("provider", true)))
        .summary(fields.text("abstract", true))
        .format(fields.term("format", ResourceFormat.class, true));
    items(fields, builder);
    Sharing sharing = SharingAttributes.sharing(fields.object("sharing", true));
    builder.sharing(sharing)
        .openness(SharingAttributes.openness(fields.object("openness", true), sharing))
        .updateCycle(fields.term("updateCycle", UpdateCycle.class, true))
        .publishedOn(date(fields, "publishedOn"))
        .endpoint(endpoint(fields));
    related(fields, builder);
    if (fields.term("secrecy", Secrecy.class, false) == Secrecy.SECRET) {
      fields.report("secrecy", CatalogRule.SECRET_RESOURCE, "the resource is marked 涉密 (secret); only non-secret"
          + " resources belong in the shared catalog: remove it from this descriptor");
    }
    fields.rejectUnknown(RESOURCE_FIELDS);
    return builder;
  }

  private ResourceCode resourceCode(FieldReader fields) {
    String text = fields.text("code", true);
    if (text == null) {
      return null;
    }
    ResourceCode code = format.parseOrProblem(text).orElse(null);
    if (code == null) {
      fields.report("code", CatalogRule.RESOURCE_CODE_FORMAT, "'" + text + "' is not a resource code; expected "
          + format.shape());
      return null;
    }
    String canonical = format.format(code);
    String first = codePaths.putIfAbsent(canonical, fields.path());
    if (first != null) {
      fields.report("code", CatalogRule.RESOURCE_CODE_DUPLICATE, "'" + canonical + "' is already the code of "
          + first + "; give each resource its own sequence number");
    }
    return code;
  }

  private Classification classification(FieldReader fields, ResourceCode resourceCode) {
    if (fields == null) {
      return null;
    }
    ClassificationView view = fields.term("view", ClassificationView.class, false);
    String text = fields.text("code", true);
    fields.rejectUnknown(CLASSIFICATION_FIELDS);
    if (text == null) {
      return null;
    }
    ClassificationCode code = format.parseLevels(text).orElse(null);
    if (code == null) {
      fields.report("code", CatalogRule.CLASSIFICATION_CODE_FORMAT, "'" + text
          + "' is not a classification code; expected " + format.classificationShape());
      return null;
    }
    if (code.view().isEmpty()) {
      fields.report("code", CatalogRule.CLASSIFICATION_CODE_FORMAT, "the first digit (类) of '" + text
          + "' must be 1 (基础), 2 (主题) or 3 (部门)");
      return null;
    }
    ClassificationView implied = code.view().get();
    if (view != null && view != implied) {
      fields.report("view", CatalogRule.CLASSIFICATION_MISMATCH, "view " + view + " (" + view.chinese()
          + ") disagrees with code '" + text + "', whose first digit means " + implied + " (" + implied.chinese()
          + "); fix the view or the code");
    }
    if (resourceCode != null && !resourceCode.classification().equals(code)) {
      fields.report("code", CatalogRule.CLASSIFICATION_MISMATCH, "classification code '" + text
          + "' differs from the resource code's classification part '"
          + format.format(resourceCode.classification()) + "'; the resource code must start with its classification code");
    }
    return new Classification(implied, code);
  }

  private Provider provider(FieldReader fields) {
    if (fields == null) {
      return null;
    }
    String name = fields.text("name", true);
    String code = fields.text("code", true);
    fields.rejectUnknown(PROVIDER_FIELDS);
    if (code != null) {
      String problem = CreditCode.problem(code).orElse(null);
      if (problem != null) {
        fields.report("code", CatalogRule.CREDIT_CODE, "'" + code + "' is not a valid 统一社会信用代码: " + problem);
        return null;
      }
    }
    return name == null || code == null ? null : new Provider(name, CreditCode.parse(code));
  }

  private void items(FieldReader fields, DataResource.Builder builder) {
    Node.ArrayNode list = fields.list("items", true);
    if (list == null) {
      return;
    }
    if (list.elements.isEmpty()) {
      fields.report("items", CatalogRule.ITEMS_EMPTY, "a resource needs at least one information item (信息项)");
      return;
    }
    Map<String, String> names = new HashMap<>();
    for (int i = 0; i < list.elements.size(); i++) {
      FieldReader item = FieldReader.of(list.elements.get(i), fields.path("items") + "[" + i + "]", this);
      if (item != null) {
        InformationItem bound = item(item, names);
        if (bound != null) {
          builder.addItem(bound);
        }
      }
    }
  }

  private InformationItem item(FieldReader fields, Map<String, String> names) {
    int errorsBefore = errors;
    String name = fields.text("name", true);
    if (name != null) {
      String first = names.putIfAbsent(name, fields.path());
      if (first != null) {
        fields.report("name", CatalogRule.ITEM_NAME_DUPLICATE, "'" + name + "' is already the name of " + first
            + "; item names must be unique within a resource");
      }
    }
    ItemType type = fields.term("type", ItemType.class, true);
    Integer length = fields.positiveInt("length", MAX_ITEM_LENGTH, CatalogRule.ITEM_LENGTH);
    if (type != null && type.lengthRequired() && length == null && fields.raw("length") == null) {
      fields.report("length", CatalogRule.ITEM_LENGTH, type + " (" + type.chinese() + ") items need a length; add length: N");
    }
    String description = fields.text("description", false);
    DataGrade grade = fields.term("grade", DataGrade.class, false);
    Boolean personal = fields.bool("personal");
    Boolean sensitive = fields.bool("sensitive");
    String maskingText = fields.text("masking", false);
    MaskingRule masking = null;
    if (maskingText != null) {
      masking = MaskingRule.lookup(maskingText).orElse(null);
      if (masking == null) {
        fields.report("masking", CatalogRule.UNKNOWN_VALUE, "'" + maskingText + "' is not a masking rule; use one of "
            + MaskingRule.accepted());
      }
    }
    boolean isSensitive = Boolean.TRUE.equals(sensitive);
    if (isSensitive && Boolean.FALSE.equals(personal)) {
      fields.report("personal", CatalogRule.SENSITIVE_NOT_PERSONAL, "the item is flagged sensitive personal"
          + " information, so it is personal information too; set personal: true or drop the line");
    }
    if (isSensitive && maskingText == null) {
      fields.report(null, CatalogRule.MASKING_MISSING, "sensitive personal information needs a masking rule;"
          + " add masking: (" + MaskingRule.accepted() + ")");
    }
    fields.rejectUnknown(ITEM_FIELDS);
    if (errors > errorsBefore || name == null || type == null) {
      return null;
    }
    InformationItem.Builder item = InformationItem.builder(name, type)
        .description(description)
        .personal(Boolean.TRUE.equals(personal))
        .sensitive(isSensitive)
        .masking(masking);
    if (length != null) {
      item.length(length);
    }
    if (grade != null) {
      item.grade(grade);
    }
    return item.build();
  }

  private LocalDate date(FieldReader fields, String key) {
    String text = fields.text(key, true);
    if (text == null) {
      return null;
    }
    try {
      LocalDate date = isoDate(text);
      if (date.getYear() < EARLIEST_YEAR) {
        fields.report(key, CatalogRule.DATE_INVALID, "'" + text + "' lies before " + EARLIEST_YEAR
            + "; catalog dates are modern, write yyyy-MM-dd, e.g. 2024-03-01");
        return null;
      }
      if (date.isAfter(today)) {
        fields.report(key, CatalogRule.DATE_IN_FUTURE, text + " is in the future (today is " + today
            + "); publish the entry on or after that date, or fix it");
      }
      return date;
    } catch (DateTimeException e) {
      fields.report(key, CatalogRule.DATE_INVALID, "'" + text + "' is not a valid date; write yyyy-MM-dd, e.g. 2024-03-01");
      return null;
    }
  }

  /** Strict yyyy-MM-dd; DateTimeFormatter allocates a map per parse, which shows at 10,000 resources. */
  static LocalDate isoDate(String text) {
    if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      throw new DateTimeException("not yyyy-MM-dd");
    }
    return LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new DateTimeException("not a digit");
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private URI endpoint(FieldReader fields) {
    String text = fields.text("endpoint", false);
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text);
      if (uri.isAbsolute() && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    fields.report("endpoint", CatalogRule.ENDPOINT_INVALID, "'" + text
        + "' is not an absolute http(s) URL, e.g. https://data.example.gov.cn/api/birth");
    return null;
  }

  private void related(FieldReader fields, DataResource.Builder builder) {
    Node.ArrayNode list = fields.list("related", false);
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.elements.size(); i++) {
      Node element = list.elements.get(i);
      String path = fields.path("related") + "[" + i + "]";
      String code;
      boolean external = false;
      if (element instanceof Node.ScalarNode scalar && scalar.type != Node.ScalarNode.Type.BOOLEAN) {
        code = scalar.text.strip();
      } else {
        FieldReader entry = FieldReader.of(element, path, this);
        if (entry == null) {
          continue;
        }
        code = entry.text("code", true);
        external = Boolean.TRUE.equals(entry.bool("external"));
        entry.rejectUnknown(RELATED_FIELDS);
      }
      if (code == null || code.isEmpty()) {
        continue;
      }
      if (external && format.parseOrProblem(code).isEmpty()) {
        report(path, CatalogRule.RESOURCE_CODE_FORMAT, "external related code: " + format.problem(code)
            + "; an external code names a resource of another catalog and is written like this catalog's codes",
            element.position());
        continue;
      }
      builder.addRelated(new RelatedResource(code, external));
      if (!external) {
        String canonical = format.parseOrProblem(code).map(format::format).orElse(code);
        relations.add(new PendingRelation(path, canonical, element.position()));
      }
    }
  }

  /** The code or name of a resource as written, so that every problem inside it can name it. */
  private static String scalar(Node.ObjectNode object, String key) {
    int at = object.indexOf(key);
    if (at < 0 || !(object.fields.get(at).value instanceof Node.ScalarNode scalar)
        || scalar.type != Node.ScalarNode.Type.STRING && scalar.type != Node.ScalarNode.Type.NUMBER) {
      return null;
    }
    String text = scalar.text.strip();
    return text.isEmpty() || !VisibleText.hasVisible(text) ? null
        : text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }

  /** {@code N} of a path starting {@code resources[N]}, or -1. */
  static int resourceIndex(String path) {
    if (!path.startsWith("resources[")) {
      return -1;
    }
    int close = path.indexOf(']');
    try {
      return close < 0 ? -1 : Integer.parseInt(path, 10, close, 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A related code to resolve once every resource's code is known. */
  private record PendingRelation(String path, String code, SourcePosition at) {}
}
