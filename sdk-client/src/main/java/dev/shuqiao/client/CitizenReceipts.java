package dev.shuqiao.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shuqiao.audit.CheckpointException;
import dev.shuqiao.audit.CheckpointVerifier;
import dev.shuqiao.audit.ProofException;
import dev.shuqiao.audit.Receipt;
import dev.shuqiao.audit.ReceiptEvidence;
import dev.shuqiao.audit.Receipts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A citizen's access receipts over the network, asked for by the service center on the citizen's
 * behalf (docs/receipts.md, "How a citizen asks"): each department's receipts resource is asked
 * through the exchange channel with the identity number sealed as the query's subject, the hub is
 * asked for its entries of the message ids the departments named, and every checkpoint and every
 * inclusion proof is verified before anything is returned. The identity number leaves this process
 * only inside envelopes sealed for the departments; the hub never sees it, and nothing is stored.
 *
 * <pre>{@code
 * CitizenReceipts receipts = CitizenReceipts.builder()
 *     .client(serviceCenterClient)          // the service center's ShuqiaoClient, with its trust store
 *     .department(policeCode, "1 09 001/000001", policeGrantId, policeCheckpointKey)
 *     .department(healthCode, "1 09 001/000002", healthGrantId, healthCheckpointKey)
 *     .hubCheckpointKey(hubCheckpointKey)
 *     .purpose("公民查询本人数据被访问记录")
 *     .build();
 * List<Receipt> list = receipts.forSubject(idNumber);   // the citizen identified at the counter or by e-ID
 * }</pre>
 *
 * <p>Thread-safe and immutable. Who may ask is decided by each department's grant for its receipts
 * resource (conditional sharing, approved for the service center); how the citizen proved who they are
 * is the service center's duty, as for the application itself.
 */
public final class CitizenReceipts {

  private record Source(String code, String resourceCode, String grantId, CheckpointVerifier key) {}

  private final ShuqiaoClient client;
  private final List<Source> departments;
  private final CheckpointVerifier hubKey;
  private final String purpose;

  private CitizenReceipts(Builder b) {
    this.client = b.client;
    this.departments = List.copyOf(b.departments);
    this.hubKey = b.hubKey;
    this.purpose = b.purpose;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Every exchange about the person with identity number {@code idNumber} that the departments' logs
   * hold, oldest first, each joined with the hub's entries and every proof verified. The receipts
   * queries themselves are exchanges too and appear in later answers.
   *
   * @throws CheckpointException if a department's or the hub's checkpoint is not signed by the key
   *     configured for it
   * @throws ProofException if an entry is not in the tree its checkpoint signed
   * @throws ExchangeProtocolException if a department's answer is not receipt evidence
   * @throws ShuqiaoException (and its subtypes) if a department or the hub refused or could not be reached
   */
  public List<Receipt> forSubject(String idNumber) {
    Objects.requireNonNull(idNumber, "idNumber");
    Map<String, List<Receipt.Evidence>> byDepartment = new LinkedHashMap<>();
    TreeSet<String> messageIds = new TreeSet<>();
    for (Source source : departments) {
      ExchangeRequest.Builder request = ExchangeRequest.builder().resourceCode(source.resourceCode())
          .items(List.of(dev.shuqiao.provider.ReceiptsResource.ITEM)).subject(idNumber).purpose(purpose);
      if (source.grantId() != null) {
        request.grantId(source.grantId());
      }
      ExchangeResponse response = client.exchange(request.build());
      List<Receipt.Evidence> evidence = new ArrayList<>();
      for (JsonNode record : response.records()) {
        JsonNode text = record.path(dev.shuqiao.provider.ReceiptsResource.ITEM);
        ReceiptEvidence answer;
        try {
          answer = ReceiptEvidence.parse(text.asText(""));
        } catch (IllegalArgumentException e) {
          throw new ExchangeProtocolException("the receipts of " + source.code() + " are malformed: " + e.getMessage(),
              "receipt-evidence-malformed", response.messageId(), e);
        }
        evidence.addAll(answer.verify(source.key(), source.code()));
      }
      evidence.forEach(e -> e.entry().event().messageId().ifPresent(messageIds::add));
      byDepartment.put(source.code(), evidence);
    }
    List<Receipt.Evidence> hub = messageIds.isEmpty() ? List.of()
        : client.getReceiptEvidence(messageIds).verify(hubKey, null);
    return Receipts.join(byDepartment, hub);
  }

  /** Configures the departments to ask, the hub's key and the purpose; client, one department and the hub key are required. */
  public static final class Builder {
    private ShuqiaoClient client;
    private final List<Source> departments = new ArrayList<>();
    private CheckpointVerifier hubKey;
    private String purpose = "公民查询本人数据被访问记录";

    private Builder() {}

    /** The service center's client (built with the city trust store, as for any exchange). */
    public Builder client(ShuqiaoClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * A department to ask: its credit code, the code of its receipts resource, the grant the service
     * center holds for it (null for an unconditional resource) and the key its checkpoints are signed
     * with (e.g. from its witnessed log, docs/audit.md).
     */
    public Builder department(String departmentCode, String resourceCode, String grantId, CheckpointVerifier checkpointKey) {
      departments.add(new Source(Objects.requireNonNull(departmentCode, "departmentCode"),
          Objects.requireNonNull(resourceCode, "resourceCode"), grantId,
          Objects.requireNonNull(checkpointKey, "checkpointKey")));
      return this;
    }

    /** The key of the hub's audit checkpoints ({@code GET /v1/audit/verifier-key}, pinned). */
    public Builder hubCheckpointKey(CheckpointVerifier key) {
      this.hubKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /** The purpose every receipts query states (default 公民查询本人数据被访问记录). */
    public Builder purpose(String purpose) {
      this.purpose = Objects.requireNonNull(purpose, "purpose");
      return this;
    }

    /** @throws IllegalStateException naming what is missing */
    public CitizenReceipts build() {
      List<String> missing = new ArrayList<>();
      if (client == null) {
        missing.add("client");
      }
      if (departments.isEmpty()) {
        missing.add("department");
      }
      if (hubKey == null) {
        missing.add("hubCheckpointKey");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("citizen receipts need " + String.join(", ", missing));
      }
      return new CitizenReceipts(this);
    }
  }
}
