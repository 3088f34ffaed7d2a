package dev.shuqiao.client.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Catalog search criteria; every one is optional.
 *
 * <pre>{@code
 * SearchOptions options = SearchOptions.builder().text("出生").sharingType("CONDITIONAL").pageSize(50).build();
 * }</pre>
 */
public final class SearchOptions {

  private final Map<String, String> query;
  private final int pageSize;

  private SearchOptions(Builder b) {
    this.query = Map.copyOf(b.query);
    this.pageSize = b.pageSize;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The query parameters, as sent. */
  public Map<String, String> query() {
    return query;
  }

  public int pageSize() {
    return pageSize;
  }

  /** Builds {@link SearchOptions}. */
  public static final class Builder {
    private final Map<String, String> query = new LinkedHashMap<>();
    private int pageSize = 20;

    private Builder() {}

    /** Substring of the name, abstract or an item name (case-insensitive). */
    public Builder text(String text) {
      query.put("q", text);
      return this;
    }

    public Builder provider(String creditCode) {
      query.put("provider", creditCode);
      return this;
    }

    /** UNCONDITIONAL, CONDITIONAL or NOT_SHARED. */
    public Builder sharingType(String sharingType) {
      query.put("sharingType", sharingType);
      return this;
    }

    /** A classification code or its prefix, e.g. {@code "1 01"}. */
    public Builder classification(String prefix) {
      query.put("classification", prefix);
      return this;
    }

    /** A resource format constant, e.g. DATABASE. */
    public Builder format(String format) {
      query.put("format", format);
      return this;
    }

    public Builder updatedSince(Instant since) {
      query.put("updatedSince", since.toString());
      return this;
    }

    public Builder includeRetired(boolean include) {
      query.put("includeRetired", Boolean.toString(include));
      return this;
    }

    /** 1..100, default 20. */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1 || pageSize > 100) {
        throw new IllegalArgumentException("page size is 1..100");
      }
      this.pageSize = pageSize;
      return this;
    }

    public SearchOptions build() {
      return new SearchOptions(this);
    }
  }
}
