package dev.shuqiao.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * The sharing attributes (共享属性) of a resource. Built only through the three factories, so a
 * conditional sharing always has conditions and a basis, and a refused one always has a basis.
 *
 * <pre>{@code
 * Sharing sharing = Sharing.conditional("仅用于出生一件事办理", "《母婴保健法》第二十三条", SharingMethod.INTERFACE);
 * }</pre>
 */
public final class Sharing {

  private final SharingType type;
  private final String conditions;
  private final String basis;
  private final SharingMethod method;

  private Sharing(SharingType type, String conditions, String basis, SharingMethod method) {
    this.type = type;
    this.conditions = conditions;
    this.basis = basis;
    this.method = method;
  }

  /** 无条件共享: any registered department may obtain it through the exchange channel. */
  public static Sharing unconditional(SharingMethod method) {
    return unconditional(method, null);
  }

  /**
   * 无条件共享 citing the law or policy that mandates the sharing; {@code basis} may be null, since
   * sharing is the default and needs no justification.
   */
  public static Sharing unconditional(SharingMethod method, String basis) {
    return new Sharing(SharingType.UNCONDITIONAL, null, basis == null ? null : requireText(basis, "basis"),
        Objects.requireNonNull(method, "method"));
  }

  /** 有条件共享: consumers apply and the provider grants, within {@code conditions}. */
  public static Sharing conditional(String conditions, String basis, SharingMethod method) {
    return new Sharing(SharingType.CONDITIONAL, requireText(conditions, "conditions"),
        requireText(basis, "basis"), Objects.requireNonNull(method, "method"));
  }

  /** 不予共享: never delivered through the channel; {@code basis} cites the law that forbids it. */
  public static Sharing notShared(String basis) {
    return new Sharing(SharingType.NOT_SHARED, null, requireText(basis, "basis"), null);
  }

  private static String requireText(String text, String name) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return text;
  }

  public SharingType type() {
    return type;
  }

  /** 共享条件; present exactly for {@link SharingType#CONDITIONAL}. */
  public Optional<String> conditions() {
    return Optional.ofNullable(conditions);
  }

  /** Legal or policy basis; present for conditional and not-shared resources, optional for unconditional. */
  public Optional<String> basis() {
    return Optional.ofNullable(basis);
  }

  /** 共享方式; empty for {@link SharingType#NOT_SHARED}. */
  public Optional<SharingMethod> method() {
    return Optional.ofNullable(method);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Sharing s && s.type == type && Objects.equals(s.conditions, conditions)
        && Objects.equals(s.basis, basis) && s.method == method;
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, conditions, basis, method);
  }

  @Override
  public String toString() {
    return "Sharing[" + type + (method == null ? "" : ", " + method) + "]";
  }
}
