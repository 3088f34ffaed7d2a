package dev.shuqiao.bundle;

import dev.shuqiao.catalog.SourcePosition;

/** The rules a bundle definition is checked against; {@link #id} is stable and documented in docs/bundle.md. */
enum BundleRule {
  PARSE_ERROR("parse-error"),
  WRONG_TYPE("wrong-type"),
  DUPLICATE_KEY("duplicate-key"),
  UNKNOWN_FIELD("unknown-field"),
  UNSUPPORTED_VERSION("unsupported-version"),
  REQUIRED_FIELD("required-field"),
  INVALID_VALUE("invalid-value"),
  DUPLICATE_STEP("duplicate-step"),
  DUPLICATE_CONSENT("duplicate-consent"),
  UNKNOWN_RESOURCE("unknown-resource"),
  UNKNOWN_ITEM("unknown-item"),
  PROVIDER_MISMATCH("provider-mismatch"),
  INPUT_UNRESOLVED("input-unresolved"),
  STEP_CYCLE("step-cycle"),
  CONSENT_SCOPE("consent-scope");

  final String id;

  BundleRule(String id) {
    this.id = id;
  }

  BundleProblem at(SourcePosition position, String path, String message, String hint) {
    return new BundleProblem(position, id, path, message, hint);
  }
}
