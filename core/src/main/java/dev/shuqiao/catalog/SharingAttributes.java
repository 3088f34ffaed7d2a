package dev.shuqiao.catalog;

import java.util.List;

/**
 * Binds the sharing (共享属性) and openness (开放属性) attributes of a resource, with the rules that tie
 * them together: conditional sharing needs conditions and a basis, refusal needs a basis and no
 * delivery method, and a resource refused to departments should not be open to the public.
 */
final class SharingAttributes {

  private static final List<String> SHARING_FIELDS = List.of("type", "conditions", "basis", "method");
  private static final List<String> OPENNESS_FIELDS = List.of("type", "conditions");

  private SharingAttributes() {}

  static Sharing sharing(FieldReader fields) {
    if (fields == null) {
      return null;
    }
    SharingType type = fields.term("type", SharingType.class, true);
    String conditions = fields.text("conditions", false);
    String basis = fields.text("basis", false);
    SharingMethod method = fields.term("method", SharingMethod.class, false);
    boolean methodGiven = fields.raw("method") != null;
    fields.rejectUnknown(SHARING_FIELDS);
    if (type == null) {
      return null;
    }
    String label = type + " (" + type.chinese() + ")";
    switch (type) {
      case CONDITIONAL:
        if (conditions == null) {
          fields.report(null, CatalogRule.SHARING_CONDITIONS, label + " sharing must state its conditions;"
              + " add conditions: (who may use it, for what)");
        }
        if (basis == null) {
          fields.report(null, CatalogRule.SHARING_BASIS, label + " sharing must cite its legal or policy basis;"
              + " add basis: (law, regulation or policy document and article)");
        }
        break;
      case NOT_SHARED:
        if (basis == null) {
          fields.report(null, CatalogRule.SHARING_BASIS, label + " must cite the law or policy that forbids"
              + " sharing; add basis: (law, regulation or policy document and article)");
        }
        if (methodGiven) {
          fields.report("method", CatalogRule.SHARING_METHOD, "a resource that is " + label
              + " is never delivered; remove method");
        }
        break;
      default:
        break;
    }
    if (type != SharingType.CONDITIONAL && conditions != null) {
      // Kept silently, conditions nobody enforces would mislead; dropped silently, they would be lost.
      fields.report("conditions", CatalogRule.SHARING_CONDITIONS, label + " sharing has no conditions; remove"
          + " conditions: or make the type CONDITIONAL (有条件共享)");
    }
    if (type != SharingType.NOT_SHARED && !methodGiven) {
      fields.report(null, CatalogRule.SHARING_METHOD, label + " sharing must say how it is delivered; add method: ("
          + Terms.allowed(SharingMethod.class) + ")");
    }
    try {
      switch (type) {
        case UNCONDITIONAL:
          return Sharing.unconditional(method, basis);
        case CONDITIONAL:
          return Sharing.conditional(conditions, basis, method);
        default:
          return Sharing.notShared(basis);
      }
    } catch (RuntimeException alreadyReported) {
      return null;
    }
  }

  static Openness openness(FieldReader fields, Sharing sharing) {
    if (fields == null) {
      return null;
    }
    OpennessType type = fields.term("type", OpennessType.class, true);
    String conditions = fields.text("conditions", false);
    fields.rejectUnknown(OPENNESS_FIELDS);
    if (type == null) {
      return null;
    }
    if (sharing != null && sharing.type() == SharingType.NOT_SHARED && type != OpennessType.NOT_OPEN) {
      fields.report("type", CatalogRule.OPENNESS_EXCEEDS_SHARING, "the resource is not shared with other"
          + " departments (不予共享) yet " + type + " (" + type.chinese() + ") to the public; check both attributes");
    }
    if (type != OpennessType.CONDITIONAL && conditions != null) {
      fields.report("conditions", CatalogRule.OPENNESS_CONDITIONS, type + " (" + type.chinese() + ") openness has"
          + " no conditions; remove conditions: or make the type CONDITIONAL (有条件开放)");
    }
    switch (type) {
      case UNCONDITIONAL:
        return Openness.unconditional();
      case NOT_OPEN:
        return Openness.notOpen();
      default:
        if (conditions == null) {
          fields.report(null, CatalogRule.OPENNESS_CONDITIONS, "CONDITIONAL (有条件开放) openness must state its"
              + " conditions; add conditions:");
          return null;
        }
        return Openness.conditional(conditions);
    }
  }
}
