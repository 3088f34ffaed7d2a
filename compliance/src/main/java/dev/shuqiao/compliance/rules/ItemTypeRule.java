package dev.shuqiao.compliance.rules;

import dev.shuqiao.catalog.DataResource;
import dev.shuqiao.catalog.InformationItem;
import dev.shuqiao.catalog.ItemType;
import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Fields whose Java type cannot hold the data type the catalog declares for their item. */
public final class ItemTypeRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("catalog.item-type", Severity.ERROR,
      "Field type differs from the catalog",
      "The Java type of a field does not fit the data type (C, N, Y, D, T, L, M, G, B, I, F) of the "
          + "information item it serves, so consumers would receive something else than catalogued.",
      "Change the field's type, or correct the item's type in the catalog.");

  private static final Set<String> TEXT = Set.of("Ljava/lang/String;", "Ljava/lang/CharSequence;", "[C");
  private static final Set<String> INTEGRAL = Set.of("I", "J", "S", "B", "Ljava/lang/Integer;", "Ljava/lang/Long;",
      "Ljava/lang/Short;", "Ljava/math/BigInteger;");
  private static final Set<String> DECIMAL = Set.of("F", "D", "Ljava/lang/Float;", "Ljava/lang/Double;",
      "Ljava/math/BigDecimal;");
  private static final Map<ItemType, String> EXPECTED = Map.ofEntries(
      Map.entry(ItemType.CHARACTER, "a String"), Map.entry(ItemType.MEMO, "a String"),
      Map.entry(ItemType.NUMERIC, "a number"), Map.entry(ItemType.CURRENCY, "a BigDecimal or long"),
      Map.entry(ItemType.DATE, "a LocalDate"), Map.entry(ItemType.DATETIME, "a LocalDateTime, OffsetDateTime or Instant"),
      Map.entry(ItemType.LOGICAL, "a boolean"), Map.entry(ItemType.INTEGER, "an int, long or BigInteger"),
      Map.entry(ItemType.DOUBLE, "a double or BigDecimal"), Map.entry(ItemType.FLOAT, "a float, double or BigDecimal"),
      Map.entry(ItemType.GENERAL, "anything"));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    if (context.catalog().isEmpty()) {
      return;
    }
    for (ResourceClasses.ResourceClass type : ResourceClasses.of(context).classes()) {
      Optional<DataResource> resource = ResourceClasses.resource(context.catalog().orElseThrow(), type.code());
      for (ResourceClasses.Field field : type.fields()) {
        Optional<InformationItem> item = resource.flatMap(r -> r.item(field.itemName()));
        if (item.isPresent() && !fits(item.get().type(), field.node().desc)) {
          ItemType expected = item.get().type();
          context.report(CatalogFindings.about(DESCRIPTOR, field, "field " + CatalogFindings.simpleName(type) + "."
              + field.node().name + " is " + org.objectweb.asm.Type.getType(field.node().desc).getClassName()
              + " but item '" + field.itemName() + "' is " + expected.code() + " (" + expected.chinese()
              + "); make the field " + EXPECTED.get(expected) + " or correct the catalog"));
        }
      }
    }
  }

  static boolean fits(ItemType type, String descriptor) {
    return switch (type) {
      case CHARACTER, MEMO -> TEXT.contains(descriptor);
      case NUMERIC -> INTEGRAL.contains(descriptor) || DECIMAL.contains(descriptor);
      case CURRENCY -> descriptor.equals("Ljava/math/BigDecimal;") || descriptor.equals("J");
      case DATE -> Set.of("Ljava/time/LocalDate;", "Ljava/util/Date;").contains(descriptor);
      case DATETIME -> Set.of("Ljava/time/LocalDateTime;", "Ljava/time/OffsetDateTime;", "Ljava/time/ZonedDateTime;",
          "Ljava/time/Instant;", "Ljava/util/Date;").contains(descriptor);
      case LOGICAL -> descriptor.equals("Z") || descriptor.equals("Ljava/lang/Boolean;");
      case INTEGER -> INTEGRAL.contains(descriptor);
      case DOUBLE, FLOAT -> DECIMAL.contains(descriptor);
      case GENERAL -> true;
    };
  }
}
