package dev.shuqiao.catalog;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One information item (信息项) of a data resource: a named, typed field, with our legal extensions —
 * its data grade, whether it is personal or sensitive personal information, and its masking rule.
 *
 * <pre>{@code
 * InformationItem idNumber = InformationItem.builder("母亲身份证号", ItemType.CHARACTER)
 *     .length(18).grade(DataGrade.IMPORTANT).sensitive(true).masking(MaskingRule.ID_NUMBER).build();
 * }</pre>
 */
public final class InformationItem {

  private final String name;
  private final ItemType type;
  private final Integer length;
  private final String description;
  private final DataGrade grade;
  private final boolean personal;
  private final boolean sensitive;
  private final MaskingRule masking;

  private InformationItem(Builder builder) {
    this.name = builder.name;
    this.type = builder.type;
    this.length = builder.length;
    this.description = builder.description;
    this.grade = builder.grade;
    this.personal = builder.personal || builder.sensitive;
    this.sensitive = builder.sensitive;
    this.masking = builder.masking;
  }

  public static Builder builder(String name, ItemType type) {
    return new Builder(name, type);
  }

  public Builder newBuilder() {
    Builder builder = new Builder(name, type);
    builder.length = length;
    builder.description = description;
    builder.grade = grade;
    builder.personal = personal;
    builder.sensitive = sensitive;
    builder.masking = masking;
    return builder;
  }

  /** 信息项名称, unique within its resource. */
  public String name() {
    return name;
  }

  public ItemType type() {
    return type;
  }

  /** Declared length; always present for character and numeric items. */
  public OptionalInt length() {
    return length == null ? OptionalInt.empty() : OptionalInt.of(length);
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** 数据分级; {@link DataGrade#GENERAL} unless declared. */
  public DataGrade grade() {
    return grade;
  }

  /** Personal information (个人信息); true whenever {@link #sensitive()} is. */
  public boolean personal() {
    return personal;
  }

  /** Sensitive personal information (敏感个人信息): ID numbers, biometrics, health, minors' data. */
  public boolean sensitive() {
    return sensitive;
  }

  /** How the item is masked; always present for sensitive items. */
  public Optional<MaskingRule> masking() {
    return Optional.ofNullable(masking);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InformationItem i && i.name.equals(name) && i.type == type
        && Objects.equals(i.length, length) && Objects.equals(i.description, description)
        && i.grade == grade && i.personal == personal && i.sensitive == sensitive
        && Objects.equals(i.masking, masking);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, length, grade, personal, sensitive, masking);
  }

  @Override
  public String toString() {
    return "InformationItem[" + name + ", " + type.code() + (length == null ? "" : "(" + length + ")")
        + (sensitive ? ", sensitive" : personal ? ", personal" : "") + "]";
  }

  /** Builds an {@link InformationItem}; {@link #build()} enforces the guideline's item rules. */
  public static final class Builder {
    private final String name;
    private final ItemType type;
    private Integer length;
    private String description;
    private DataGrade grade = DataGrade.GENERAL;
    private boolean personal;
    private boolean sensitive;
    private MaskingRule masking;

    private Builder(String name, ItemType type) {
      this.name = Objects.requireNonNull(name, "name");
      this.type = Objects.requireNonNull(type, "type");
    }

    public Builder length(int length) {
      this.length = length;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder grade(DataGrade grade) {
      this.grade = Objects.requireNonNull(grade, "grade");
      return this;
    }

    public Builder personal(boolean personal) {
      this.personal = personal;
      return this;
    }

    /** Marks sensitive personal information; implies {@link #personal(boolean) personal}. */
    public Builder sensitive(boolean sensitive) {
      this.sensitive = sensitive;
      return this;
    }

    public Builder masking(MaskingRule masking) {
      this.masking = masking;
      return this;
    }

    /**
     * @throws IllegalStateException if the name is blank, a required length is missing or not
     *     positive, or a sensitive item has no masking rule
     */
    public InformationItem build() {
      if (name.isBlank()) {
        throw new IllegalStateException("item name must not be blank");
      }
      if (length != null ? length <= 0 : type.lengthRequired()) {
        throw new IllegalStateException("item '" + name + "' of type " + type + " needs a positive length");
      }
      if (sensitive && masking == null) {
        throw new IllegalStateException("sensitive item '" + name + "' needs a masking rule");
      }
      return new InformationItem(this);
    }
  }
}
