package dev.shuqiao.catalog;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One data resource (信息资源) of the catalog, with every core metadata field of the national
 * guideline. Immutable; build with {@link #builder()} or read from a descriptor with
 * {@link CatalogReader}.
 *
 * <pre>{@code
 * DataResource birth = DataResource.builder()
 *     .code(ResourceCode.parse("1 01 001/000001"))
 *     .name("出生医学证明信息")
 *     .classification(new Classification(ClassificationView.BASIC, code.classification()))
 *     .provider(new Provider("柳州市卫生健康委员会", CreditCode.parse("11450200MB15337658")))
 *     .summary("新生儿出生医学证明签发信息")
 *     .format(ResourceFormat.DATABASE)
 *     .addItem(InformationItem.builder("出生医学证明编号", ItemType.CHARACTER).length(10).build())
 *     .sharing(Sharing.unconditional(SharingMethod.INTERFACE))
 *     .openness(Openness.notOpen())
 *     .updateCycle(UpdateCycle.REAL_TIME)
 *     .publishedOn(LocalDate.of(2024, 3, 1))
 *     .build();
 * }</pre>
 */
public final class DataResource {

  private final ResourceCode code;
  private final String name;
  private final Classification classification;
  private final Provider provider;
  private final String summary;
  private final ResourceFormat format;
  private final List<InformationItem> items;
  private final Sharing sharing;
  private final Openness openness;
  private final UpdateCycle updateCycle;
  private final LocalDate publishedOn;
  private final List<RelatedResource> related;
  private final URI endpoint;
  private final Secrecy secrecy;

  private DataResource(Builder b) {
    this.code = b.code;
    this.name = b.name;
    this.classification = b.classification;
    this.provider = b.provider;
    this.summary = b.summary;
    this.format = b.format;
    this.items = List.copyOf(b.items);
    this.sharing = b.sharing;
    this.openness = b.openness;
    this.updateCycle = b.updateCycle;
    this.publishedOn = b.publishedOn;
    this.related = List.copyOf(b.related);
    this.endpoint = b.endpoint;
    this.secrecy = b.secrecy;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    Builder b = new Builder();
    b.code = code;
    b.name = name;
    b.classification = classification;
    b.provider = provider;
    b.summary = summary;
    b.format = format;
    b.items.addAll(items);
    b.sharing = sharing;
    b.openness = openness;
    b.updateCycle = updateCycle;
    b.publishedOn = publishedOn;
    b.related.addAll(related);
    b.endpoint = endpoint;
    b.secrecy = secrecy;
    return b;
  }

  /** 资源代码. */
  public ResourceCode code() {
    return code;
  }

  /** 资源名称. */
  public String name() {
    return name;
  }

  /** 信息资源分类. */
  public Classification classification() {
    return classification;
  }

  /** 提供方 and 提供方代码. */
  public Provider provider() {
    return provider;
  }

  /** 摘要 (the guideline's "abstract"; a Java keyword, hence the name). */
  public String summary() {
    return summary;
  }

  /** 信息资源格式. */
  public ResourceFormat format() {
    return format;
  }

  /** 信息项, in declared order; never empty. */
  public List<InformationItem> items() {
    return items;
  }

  /** The item called {@code name}. */
  public Optional<InformationItem> item(String name) {
    return items.stream().filter(item -> item.name().equals(name)).findFirst();
  }

  /** 共享属性. */
  public Sharing sharing() {
    return sharing;
  }

  /** 开放属性. */
  public Openness openness() {
    return openness;
  }

  /** 更新周期. */
  public UpdateCycle updateCycle() {
    return updateCycle;
  }

  /** 发布日期. */
  public LocalDate publishedOn() {
    return publishedOn;
  }

  /** 关联资源代码. */
  public List<RelatedResource> related() {
    return related;
  }

  /** The provider's service endpoint for interface sharing, if declared. */
  public Optional<URI> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  /** 涉密属性; always {@link Secrecy#NON_SECRET}, since a secret resource cannot be built. */
  public Secrecy secrecy() {
    return secrecy;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DataResource r && r.code.equals(code) && r.name.equals(name)
        && r.classification.equals(classification) && r.provider.equals(provider)
        && r.summary.equals(summary) && r.format == format && r.items.equals(items)
        && r.sharing.equals(sharing) && r.openness.equals(openness) && r.updateCycle == updateCycle
        && r.publishedOn.equals(publishedOn) && r.related.equals(related)
        && Objects.equals(r.endpoint, endpoint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, name, provider, items, sharing);
  }

  @Override
  public String toString() {
    return "DataResource[" + code + " " + name + "]";
  }

  /** Builds a {@link DataResource}; {@link #build()} checks every required field is set. */
  public static final class Builder {
    private ResourceCode code;
    private String name;
    private Classification classification;
    private Provider provider;
    private String summary;
    private ResourceFormat format;
    private final List<InformationItem> items = new ArrayList<>();
    private Sharing sharing;
    private Openness openness;
    private UpdateCycle updateCycle;
    private LocalDate publishedOn;
    private final List<RelatedResource> related = new ArrayList<>();
    private URI endpoint;
    private Secrecy secrecy = Secrecy.NON_SECRET;

    private Builder() {}

    public Builder code(ResourceCode code) {
      this.code = code;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder classification(Classification classification) {
      this.classification = classification;
      return this;
    }

    public Builder provider(Provider provider) {
      this.provider = provider;
      return this;
    }

    public Builder summary(String summary) {
      this.summary = summary;
      return this;
    }

    public Builder format(ResourceFormat format) {
      this.format = format;
      return this;
    }

    public Builder addItem(InformationItem item) {
      this.items.add(Objects.requireNonNull(item, "item"));
      return this;
    }

    public Builder sharing(Sharing sharing) {
      this.sharing = sharing;
      return this;
    }

    public Builder openness(Openness openness) {
      this.openness = openness;
      return this;
    }

    public Builder updateCycle(UpdateCycle updateCycle) {
      this.updateCycle = updateCycle;
      return this;
    }

    public Builder publishedOn(LocalDate publishedOn) {
      this.publishedOn = publishedOn;
      return this;
    }

    public Builder addRelated(RelatedResource related) {
      this.related.add(Objects.requireNonNull(related, "related"));
      return this;
    }

    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /** 涉密属性; {@link Secrecy#NON_SECRET} unless set. {@link #build()} refuses {@link Secrecy#SECRET}. */
    public Builder secrecy(Secrecy secrecy) {
      this.secrecy = Objects.requireNonNull(secrecy, "secrecy");
      return this;
    }

    /**
     * @throws IllegalStateException naming every missing required field, a secret (涉密) resource, a classification that
     *     disagrees with the code, or duplicate item names
     */
    public DataResource build() {
      List<String> missing = new ArrayList<>();
      check(code, "code", missing);
      check(name == null || name.isBlank() ? null : name, "name", missing);
      check(classification, "classification", missing);
      check(provider, "provider", missing);
      check(summary == null || summary.isBlank() ? null : summary, "abstract", missing);
      check(format, "format", missing);
      check(items.isEmpty() ? null : items, "items", missing);
      check(sharing, "sharing", missing);
      check(openness, "openness", missing);
      check(updateCycle, "updateCycle", missing);
      check(publishedOn, "publishedOn", missing);
      if (!missing.isEmpty()) {
        throw new IllegalStateException("data resource is missing " + String.join(", ", missing));
      }
      if (secrecy == Secrecy.SECRET) {
        throw new IllegalStateException("resource " + code + " is marked 涉密 (secret); a secret resource never"
            + " belongs in the shared catalog");
      }
      if (!code.classification().equals(classification.code())) {
        throw new IllegalStateException("resource code " + code + " is not under classification " + classification.code());
      }
      Set<String> names = new HashSet<>();
      for (InformationItem item : items) {
        if (!names.add(item.name())) {
          throw new IllegalStateException("duplicate item name '" + item.name() + "'");
        }
      }
      return new DataResource(this);
    }

    private static void check(Object value, String field, List<String> missing) {
      if (value == null) {
        missing.add(field);
      }
    }
  }
}
