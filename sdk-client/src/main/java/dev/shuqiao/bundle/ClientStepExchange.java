package dev.shuqiao.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.client.ExchangeRefusedException;
import dev.shuqiao.client.ExchangeRequest;
import dev.shuqiao.client.ExchangeResponse;
import dev.shuqiao.client.PreparedExchange;
import dev.shuqiao.client.ProviderUnavailableException;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.ShuqiaoException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The runner's exchange through {@link ShuqiaoClient#prepareExchange} and {@link ShuqiaoClient#send}.
 * An answer from the hub (status ≠ 0) is final for its message id (docs/exchange.md §6 stores it);
 * no answer (transport failure, the client's own deadline, an audit failure before sending) leaves
 * the outcome unknown, and the same bytes are sent again.
 */
final class ClientStepExchange implements StepExchange {

  private final ShuqiaoClient client;

  ClientStepExchange(ShuqiaoClient client) {
    this.client = client;
  }

  private record Wrapped(PreparedExchange exchange) implements Prepared {
    @Override
    public UUID messageId() {
      return exchange.messageId();
    }

    @Override
    public byte[] bytes() {
      return exchange.toBytes();
    }
  }

  @Override
  public Prepared prepare(Call call) {
    ExchangeRequest.Builder request = ExchangeRequest.builder().resourceCode(call.resourceCode()).items(call.items())
        .parameters(call.parameters()).purpose(call.purpose()).caseId(call.caseId()).timeout(call.timeout());
    if (call.subject() != null) {
      request.subject(call.subject());
    }
    if (call.grantId() != null) {
      request.grantId(call.grantId());
    }
    PreparedExchange prepared = client.prepareExchange(request.build());
    if (!prepared.providerCode().equals(call.providerCode())) {
      throw new IllegalStateException("the hub lists " + prepared.providerCode() + " as the provider of "
          + call.resourceCode() + ", not " + call.providerCode() + " as the bundle says");
    }
    return new Wrapped(prepared);
  }

  @Override
  public Prepared restore(byte[] bytes) {
    return new Wrapped(PreparedExchange.fromBytes(bytes));
  }

  @Override
  public List<ObjectNode> send(Prepared prepared) throws Failure {
    ExchangeResponse response;
    try {
      response = client.send(((Wrapped) prepared).exchange());
    } catch (ExchangeRefusedException e) {
      throw new Failure(e.type() + " (" + e.status() + e.providerType().map(t -> ", provider: " + t).orElse("") + ")",
          true, true, null);
    } catch (ProviderUnavailableException e) {
      throw new Failure(e.type() + " (" + e.status() + (e.circuitOpen() ? ", circuit open" : "") + ")", true, false,
          e.retryAfter().orElse(null));
    } catch (ShuqiaoException e) {
      boolean answered = e.status() != 0;
      throw new Failure(e.type() + (answered ? " (" + e.status() + ")" : " (no answer)"), answered,
          answered && e.status() >= 400 && e.status() < 500, (Duration) null);
    }
    List<ObjectNode> records = new ArrayList<>();
    for (JsonNode record : response.records()) {
      records.add((ObjectNode) record);
    }
    return records;
  }
}
