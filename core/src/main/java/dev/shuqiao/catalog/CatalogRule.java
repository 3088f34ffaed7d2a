package dev.shuqiao.catalog;

/**
 * The catalog validation rules. Each has a stable {@link #id()} (used in reports, suppressions and
 * docs), a default severity and a one-line description.
 */
public enum CatalogRule {
  PARSE_ERROR("parse-error", Severity.ERROR, "The descriptor is not well-formed YAML or JSON."),
  WRONG_TYPE("wrong-type", Severity.ERROR, "A field holds the wrong kind of value (e.g. text where a list is expected)."),
  DUPLICATE_KEY("duplicate-key", Severity.ERROR, "The same key appears twice in one object; one value would be silently lost."),
  UNKNOWN_FIELD("unknown-field", Severity.WARNING, "A key that the descriptor format does not define, usually a typo."),
  UNSUPPORTED_VERSION("unsupported-version", Severity.ERROR, "The descriptor declares a format version this Shuqiao cannot read."),
  REQUIRED_FIELD("required-field", Severity.ERROR, "A field the national guideline requires is missing or blank."),
  UNKNOWN_VALUE("unknown-value", Severity.ERROR, "A closed-vocabulary field holds a value outside the vocabulary."),
  RESOURCE_CODE_FORMAT("resource-code-format", Severity.ERROR, "A resource code does not have the configured 前段码/后段码 shape."),
  RESOURCE_CODE_DUPLICATE("resource-code-duplicate", Severity.ERROR, "Two resources share one resource code."),
  CLASSIFICATION_CODE_FORMAT("classification-code-format", Severity.ERROR, "A classification code does not have the 类/项/目/细目 shape."),
  CLASSIFICATION_MISMATCH("classification-mismatch", Severity.ERROR, "The resource code, classification code and classification view disagree."),
  CREDIT_CODE("credit-code", Severity.ERROR, "A provider code is not a valid 统一社会信用代码 (length, alphabet, check characters, authority and type, division code)."),
  SHARING_CONDITIONS("sharing-conditions", Severity.ERROR, "Conditional sharing (有条件共享) must state its conditions; the other types have none."),
  SHARING_BASIS("sharing-basis", Severity.ERROR, "Conditional or refused sharing must cite its legal or policy basis."),
  SHARING_METHOD("sharing-method", Severity.ERROR, "A shared resource must say how it is delivered; a not-shared one must not."),
  OPENNESS_CONDITIONS("openness-conditions", Severity.ERROR, "Conditional openness (有条件开放) must state its conditions; the other types have none."),
  OPENNESS_EXCEEDS_SHARING("openness-exceeds-sharing", Severity.WARNING, "A resource refused to other departments is open to the public."),
  ITEMS_EMPTY("items-empty", Severity.ERROR, "A resource must describe at least one information item."),
  ITEM_NAME_DUPLICATE("item-name-duplicate", Severity.ERROR, "Two information items of one resource share a name."),
  ITEM_LENGTH("item-length", Severity.ERROR, "Character and numeric items need a positive length; lengths are positive whole numbers."),
  SENSITIVE_NOT_PERSONAL("sensitive-not-personal", Severity.ERROR, "An item flagged sensitive personal information is also personal information."),
  MASKING_MISSING("masking-missing", Severity.ERROR, "Sensitive personal information needs a masking rule."),
  RELATED_CODE_UNRESOLVED("related-code-unresolved", Severity.ERROR, "A related resource code is not in this catalog and is not marked external."),
  DATE_INVALID("date-invalid", Severity.ERROR, "A date is not a valid calendar date in yyyy-MM-dd form."),
  DATE_IN_FUTURE("date-in-future", Severity.WARNING, "A publication date lies in the future."),
  ENDPOINT_INVALID("endpoint-invalid", Severity.ERROR, "An endpoint is not an absolute http(s) URL."),
  SECRET_RESOURCE("secret-resource", Severity.ERROR, "A resource marked 涉密 (secret) never belongs in the shared catalog.");

  private final String id;
  private final Severity severity;
  private final String description;

  CatalogRule(String id, Severity severity, String description) {
    this.id = id;
    this.severity = severity;
    this.description = description;
  }

  /** Stable identifier, e.g. {@code sharing-basis}; never changes once released. */
  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  public String description() {
    return description;
  }
}
