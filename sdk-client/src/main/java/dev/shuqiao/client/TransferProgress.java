package dev.shuqiao.client;

/**
 * Told how far a mailbox transfer got: {@code done} of {@code total} bytes, after every chunk (and
 * after a resume, from where the hub says the transfer stands). Called on the transferring thread.
 */
@FunctionalInterface
public interface TransferProgress {

  /** Reports nothing. */
  TransferProgress NONE = (done, total) -> { };

  void update(long done, long total);
}
