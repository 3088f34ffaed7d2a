package dev.shuqiao.hub.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MailboxStoreTest {

  private static final String PROVIDER = "12450200MB0000001X";
  private static final String CONSUMER = "11450200075623181Q";
  private static final String OTHER = "11450200MB0000002A";
  private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

  private final MailboxStore store = new MailboxStore();
  private Database db;

  @BeforeEach
  void open() {
    db = Database.open("jdbc:h2:mem:mailbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null, 2);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aDelivery_goesUploadingReadyAcked_eachStepOnce() throws Exception {
    String id = insert(CONSUMER, 100, T0.plus(Duration.ofDays(14)));

    assertThat(is(c -> store.ready(c, id, T0, T0))).as("not every byte committed").isFalse();
    assertThat(is(c -> store.advance(c, id, 0, 60, T0, T0.plus(Duration.ofDays(14))))).isTrue();
    assertThat(is(c -> store.advance(c, id, 0, 60, T0, T0))).as("the same chunk committed twice").isFalse();
    assertThat(is(c -> store.advance(c, id, 60, 101, T0, T0))).as("past the declared size").isFalse();
    assertThat(is(c -> store.advance(c, id, 60, 100, T0, T0.plus(Duration.ofDays(14))))).isTrue();
    assertThat(is(c -> store.ready(c, id, T0, T0.plus(Duration.ofDays(14))))).isTrue();
    assertThat(is(c -> store.ready(c, id, T0, T0))).as("READY only once").isFalse();

    assertThat(rows(c -> store.listReady(c, CONSUMER, null, null, 10))).extracting(MailboxRow::messageId).containsExactly(id);
    assertThat(rows(c -> store.listReady(c, OTHER, null, null, 10))).isEmpty();
    assertThat(is(c -> store.acknowledge(c, id, OTHER, T0))).as("another department's ack").isFalse();
    assertThat(is(c -> store.acknowledge(c, id, CONSUMER, T0))).isTrue();
    assertThat(is(c -> store.acknowledge(c, id, CONSUMER, T0))).isFalse();
    assertThat(tx(c -> store.find(c, id)).orElseThrow().state()).isEqualTo(MailboxRow.ACKED);
    assertThat(rows(c -> store.listReady(c, CONSUMER, null, null, 10))).isEmpty();
  }

  @Test
  void aMessageId_isInsertedOnce() throws Exception {
    String id = insert(CONSUMER, 10, T0);
    assertThatThrownBy(() -> tx(c -> {
      store.insert(c, row(id, CONSUMER, 10, T0));
      return null;
    })).isInstanceOf(SQLException.class);
  }

  @Test
  void reservedBytes_countUploadingAndReady_notAckedOrDiscarded() throws Exception {
    String uploading = insert(CONSUMER, 1_000, T0);
    String ready = insert(CONSUMER, 200, T0);
    tx(c -> store.advance(c, ready, 0, 200, T0, T0) && store.ready(c, ready, T0, T0));
    String acked = insert(CONSUMER, 30, T0);
    tx(c -> store.advance(c, acked, 0, 30, T0, T0) && store.ready(c, acked, T0, T0)
        && store.acknowledge(c, acked, CONSUMER, T0));
    String discarded = insert(CONSUMER, 4, T0);
    tx(c -> store.discard(c, discarded, T0));
    insert(OTHER, 50_000, T0);

    assertThat(count(c -> store.reservedBytes(c, CONSUMER))).isEqualTo(1_200);
    assertThat(uploading).isNotNull();
  }

  @Test
  void expired_listsOnlyOpenDeliveriesPastTheirRetention() throws Exception {
    String late = insert(CONSUMER, 10, T0.plus(Duration.ofDays(1)));
    String lateButAcked = insert(CONSUMER, 10, T0.plus(Duration.ofDays(1)));
    tx(c -> store.advance(c, lateButAcked, 0, 10, T0, T0.plus(Duration.ofDays(1))) && store.ready(c, lateButAcked, T0,
        T0.plus(Duration.ofDays(1))) && store.acknowledge(c, lateButAcked, CONSUMER, T0.plus(Duration.ofDays(1))));
    insert(CONSUMER, 10, T0.plus(Duration.ofDays(3)));

    List<String> expired = tx(c -> store.expired(c, T0.plus(Duration.ofDays(2)), 100));

    assertThat(expired).containsExactly(late);
    assertThat(is(c -> store.discard(c, late, T0))).isTrue();
    assertThat(is(c -> store.discard(c, late, T0))).as("final").isFalse();
  }

  @Test
  void listReady_pagesByCreationTimeThenId() throws Exception {
    String a = readyAt(T0);
    String b = readyAt(T0.plusSeconds(1));
    String c2 = readyAt(T0.plusSeconds(2));

    List<MailboxRow> first = rows(c -> store.listReady(c, CONSUMER, null, null, 2));
    MailboxRow last = first.get(1);
    List<MailboxRow> next = rows(c -> store.listReady(c, CONSUMER, last.createdAt(), last.messageId(), 2));

    assertThat(first).extracting(MailboxRow::messageId).containsExactly(a, b);
    assertThat(next).extracting(MailboxRow::messageId).containsExactly(c2);
  }

  private String readyAt(Instant created) throws SQLException {
    String id = UUID.randomUUID().toString();
    MailboxRow row = new MailboxRow(id, PROVIDER, CONSUMER, "1 01 003/000001", List.of("出生医学证明编号"), null, null,
        "每日变更", 1, "sha-256:x", 1, MailboxRow.READY, created, created, created.plus(Duration.ofDays(14)));
    tx(c -> {
      store.insert(c, row);
      return null;
    });
    return id;
  }

  private String insert(String consumer, long size, Instant expiresAt) throws SQLException {
    String id = UUID.randomUUID().toString();
    tx(c -> {
      store.insert(c, row(id, consumer, size, expiresAt));
      return null;
    });
    return id;
  }

  private static MailboxRow row(String id, String consumer, long size, Instant expiresAt) {
    return new MailboxRow(id, PROVIDER, consumer, "1 01 003/000001", List.of("出生医学证明编号"), "g-1", null, "每日变更",
        size, "sha-256:AAAA", 0, MailboxRow.UPLOADING, T0, T0, expiresAt);
  }

  private boolean is(Database.Work<Boolean> work) throws SQLException {
    return db.inTransaction(work);
  }

  private List<MailboxRow> rows(Database.Work<List<MailboxRow>> work) throws SQLException {
    return db.inTransaction(work);
  }

  private long count(Database.Work<Long> work) throws SQLException {
    return db.inTransaction(work);
  }

  private <T> T tx(Database.Work<T> work) throws SQLException {
    return db.inTransaction(work);
  }
}
