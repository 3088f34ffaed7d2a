package dev.shuqiao.catalog;

import java.util.Objects;
import java.util.Optional;

/** The openness attributes (开放属性): whether the public may obtain the resource. */
public final class Openness {

  private static final Openness UNCONDITIONAL = new Openness(OpennessType.UNCONDITIONAL, null);
  private static final Openness NOT_OPEN = new Openness(OpennessType.NOT_OPEN, null);

  private final OpennessType type;
  private final String conditions;

  private Openness(OpennessType type, String conditions) {
    this.type = type;
    this.conditions = conditions;
  }

  public static Openness unconditional() {
    return UNCONDITIONAL;
  }

  public static Openness conditional(String conditions) {
    if (conditions == null || conditions.isBlank()) {
      throw new IllegalArgumentException("conditions must not be blank");
    }
    return new Openness(OpennessType.CONDITIONAL, conditions);
  }

  public static Openness notOpen() {
    return NOT_OPEN;
  }

  public OpennessType type() {
    return type;
  }

  /** 开放条件; present exactly for {@link OpennessType#CONDITIONAL}. */
  public Optional<String> conditions() {
    return Optional.ofNullable(conditions);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Openness o && o.type == type && Objects.equals(o.conditions, conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, conditions);
  }

  @Override
  public String toString() {
    return "Openness[" + type + "]";
  }
}
