package dev.shuqiao.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A dataset to deliver to a consumer's mailbox with {@link ShuqiaoClient#deliver}: the file {@code
 * source} of resource {@code resourceCode}, holding {@code items}, for {@code consumer} (a credit
 * code), under {@code grantId} when the resource is shared conditionally.
 *
 * <pre>{@code
 * Delivery d = health.deliver(DeliverOptions.builder().consumer(policeCode).resourceCode(code)
 *     .items(List.of("出生医学证明编号", "新生儿姓名")).purpose("每日变更").grantId(grant)
 *     .source(Path.of("changes.csv")).progress((sent, total) -> bar.set(sent, total)).build());
 * }</pre>
 */
public final class DeliverOptions {

  /** The default chunk: 8 MiB (docs/bulk.md §3). */
  public static final int DEFAULT_CHUNK_BYTES = 8 << 20;

  private final String consumer;
  private final String resourceCode;
  private final List<String> items;
  private final String purpose;
  private final String grantId;
  private final String caseId;
  private final Path source;
  private final Path workDirectory;
  private final int chunkBytes;
  private final TransferProgress progress;

  private DeliverOptions(Builder b) {
    this.consumer = b.consumer;
    this.resourceCode = b.resourceCode;
    this.items = List.copyOf(b.items);
    this.purpose = b.purpose;
    this.grantId = b.grantId;
    this.caseId = b.caseId;
    this.source = b.source;
    this.workDirectory = b.workDirectory;
    this.chunkBytes = b.chunkBytes;
    this.progress = b.progress;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String consumer() {
    return consumer;
  }

  public String resourceCode() {
    return resourceCode;
  }

  public List<String> items() {
    return items;
  }

  public String purpose() {
    return purpose;
  }

  public Optional<String> grantId() {
    return Optional.ofNullable(grantId);
  }

  public Optional<String> caseId() {
    return Optional.ofNullable(caseId);
  }

  public Path source() {
    return source;
  }

  /** Where the sealed stream is written before it is uploaded; empty: the system's temporary directory. */
  public Optional<Path> workDirectory() {
    return Optional.ofNullable(workDirectory);
  }

  public int chunkBytes() {
    return chunkBytes;
  }

  public TransferProgress progress() {
    return progress;
  }

  /** Collects the options; {@link #build} checks that consumer, resource, items, purpose and source are set. */
  public static final class Builder {
    private String consumer;
    private String resourceCode;
    private final List<String> items = new ArrayList<>();
    private String purpose;
    private String grantId;
    private String caseId;
    private Path source;
    private Path workDirectory;
    private int chunkBytes = DEFAULT_CHUNK_BYTES;
    private TransferProgress progress = TransferProgress.NONE;

    private Builder() {}

    public Builder consumer(String consumer) {
      this.consumer = Objects.requireNonNull(consumer, "consumer");
      return this;
    }

    public Builder resourceCode(String resourceCode) {
      this.resourceCode = Objects.requireNonNull(resourceCode, "resourceCode");
      return this;
    }

    public Builder items(List<String> items) {
      this.items.clear();
      this.items.addAll(items);
      return this;
    }

    public Builder purpose(String purpose) {
      this.purpose = Objects.requireNonNull(purpose, "purpose");
      return this;
    }

    public Builder grantId(String grantId) {
      this.grantId = grantId;
      return this;
    }

    public Builder caseId(String caseId) {
      this.caseId = caseId;
      return this;
    }

    public Builder source(Path source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    public Builder workDirectory(Path workDirectory) {
      this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
      return this;
    }

    /** Bytes per {@code PATCH}: 64 KiB to 64 MiB, default {@value #DEFAULT_CHUNK_BYTES}. */
    public Builder chunkBytes(int chunkBytes) {
      if (chunkBytes < (64 << 10) || chunkBytes > (64 << 20)) {
        throw new IllegalArgumentException("chunkBytes is 64 KiB to 64 MiB");
      }
      this.chunkBytes = chunkBytes;
      return this;
    }

    public Builder progress(TransferProgress progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    public DeliverOptions build() {
      List<String> missing = new ArrayList<>();
      if (consumer == null) {
        missing.add("consumer");
      }
      if (resourceCode == null) {
        missing.add("resourceCode");
      }
      if (items.isEmpty()) {
        missing.add("items");
      }
      if (purpose == null || purpose.isBlank()) {
        missing.add("purpose");
      }
      if (source == null) {
        missing.add("source");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("a delivery needs " + String.join(", ", missing));
      }
      if (!Files.isRegularFile(source)) {
        throw new IllegalArgumentException("source is not a readable file: " + source.getFileName());
      }
      return new DeliverOptions(this);
    }
  }
}
