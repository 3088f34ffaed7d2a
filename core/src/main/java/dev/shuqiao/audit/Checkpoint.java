package dev.shuqiao.audit;

import dev.shuqiao.audit.CheckpointException.Failure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A signed tree head in the C2SP {@code tlog-checkpoint} format, carried in a C2SP signed note:
 *
 * <pre>
 * audit.health.liuzhou.gov.cn
 * 1000
 * 8zfiGB3B9b6pOuEG1Y7e/LhvnCv2U3T3nbH/6QZ4Fmo=
 * previous 750
 *
 * — audit.health.liuzhou.gov.cn Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
 * </pre>
 *
 * The body is the origin line, the tree size in decimal, the base64 root hash and an extension
 * line naming the previous checkpoint's tree size, each ending in a newline; the signature line is an em dash, the key name and {@code base64(key id || signature)}.
 * See {@link NoteKeys} for the key types, including the custom SM2 type.
 */
public final class Checkpoint {

  private static final String SIGNATURE_PREFIX = "\u2014 ";
  private static final String PREVIOUS = "previous ";
  private static final int MAX_SIGNATURES = 100;

  private final String origin;
  private final long treeSize;
  private final byte[] rootHash;
  private final List<String> extensions;
  private final String body;
  private final List<NoteSignature> signatures;

  /** One signature line. */
  record NoteSignature(String keyName, int keyId, byte[] signature) {}

  private Checkpoint(String origin, long treeSize, byte[] rootHash, List<String> extensions, String body,
      List<NoteSignature> signatures) {
    this.origin = origin;
    this.treeSize = treeSize;
    this.rootHash = rootHash;
    this.extensions = List.copyOf(extensions);
    this.body = body;
    this.signatures = List.copyOf(signatures);
  }

  /**
   * Signs a checkpoint whose one extension line {@code previous <size>} names the tree size of the
   * log's previous checkpoint (0 for the first), so that a deleted checkpoint leaves a visible gap.
   */
  static Checkpoint sign(String origin, long treeSize, byte[] rootHash, long previousSize, CheckpointSigner signer) {
    List<String> extensions = List.of(PREVIOUS + Long.toUnsignedString(previousSize));
    String body = requireOrigin(origin) + "\n" + Long.toUnsignedString(treeSize) + "\n"
        + Base64.getEncoder().encodeToString(rootHash) + "\n" + extensions.get(0) + "\n";
    String name = requireKeyName(signer.keyName());
    byte[] signature = signer.sign(body.getBytes(StandardCharsets.UTF_8));
    return new Checkpoint(origin, treeSize, rootHash.clone(), extensions, body,
        List.of(new NoteSignature(name, signer.keyId(), signature)));
  }

  /**
   * Parses a signed note holding a checkpoint. Only the syntax is checked here; call
   * {@link #verify(CheckpointVerifier)} before trusting anything in it.
   *
   * @throws CheckpointException with {@link Failure#MALFORMED} if it is not a well-formed note
   */
  public static Checkpoint parse(String note) {
    return CheckpointParser.parse(note);
  }

  static Checkpoint parsed(String origin, long treeSize, byte[] rootHash, List<String> extensions, String body,
      List<NoteSignature> sigs) {
    return new Checkpoint(origin, treeSize, rootHash, extensions, body, sigs);
  }

  /**
   * Verifies the note against one trusted key. Signatures from other keys are ignored, as the
   * signed-note spec requires; every signature from this key must verify, and there must be one.
   *
   * @throws CheckpointException if no signature from the key verifies
   */
  public void verify(CheckpointVerifier verifier) {
    boolean found = false;
    byte[] text = body.getBytes(StandardCharsets.UTF_8);
    for (NoteSignature s : signatures) {
      if (s.keyName().equals(verifier.keyName()) && s.keyId() == verifier.keyId()) {
        if (!verifier.verify(text, s.signature())) {
          throw new CheckpointException(Failure.BAD_SIGNATURE, "checkpoint at size " + Long.toUnsignedString(treeSize)
              + ": signature of " + s.keyName() + " does not verify");
        }
        found = true;
      }
    }
    if (!found) {
      throw new CheckpointException(Failure.NO_SIGNATURE_FROM_KEY, "checkpoint at size "
          + Long.toUnsignedString(treeSize) + " has no signature from " + verifier.keyName()
          + String.format("+%08x", verifier.keyId()));
    }
  }

  /**
   * Verifies a witness's cosignature (C2SP {@code tlog-cosignature} v1) on this checkpoint and returns
   * the time the witness states it cosigned.
   *
   * @param witness a verifier of a cosignature key ({@link NoteKeys#verifier} of a type {@code 0x04} key)
   * @throws IllegalArgumentException if {@code witness} is not a cosignature key
   * @throws CheckpointException if there is no valid cosignature from it
   */
  public java.time.Instant verifyCosignature(CheckpointVerifier witness) {
    if (!(witness instanceof NoteVerifier note) || !note.isCosignature()) {
      throw new IllegalArgumentException("not a witness cosignature key: " + witness.keyName());
    }
    verify(witness);
    for (NoteSignature s : signatures) {
      if (s.keyName().equals(witness.keyName()) && s.keyId() == witness.keyId()) {
        return java.time.Instant.ofEpochSecond(Cosignatures.timestamp(s.signature()));
      }
    }
    throw new IllegalStateException("verified signature vanished");
  }

  /**
   * This checkpoint as a witness hands it out: the signature lines of {@code logKey} and a new
   * cosignature of {@code cosigner} at {@code timestamp} (seconds); other lines are dropped.
   */
  Checkpoint cosigned(CheckpointVerifier logKey, CheckpointCosigner cosigner, long timestamp) {
    List<NoteSignature> kept = new ArrayList<>();
    for (NoteSignature s : signatures) {
      if (s.keyName().equals(logKey.keyName()) && s.keyId() == logKey.keyId()) {
        kept.add(s);
      }
    }
    byte[] blob = cosigner.cosign(body.getBytes(StandardCharsets.UTF_8), timestamp);
    kept.add(new NoteSignature(requireKeyName(cosigner.keyName()), cosigner.keyId(), blob));
    return new Checkpoint(origin, treeSize, rootHash, extensions, body, kept);
  }

  public String origin() {
    return origin;
  }

  /** Tree size, an unsigned 64-bit value. */
  public long treeSize() {
    return treeSize;
  }

  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** Extension lines after the root hash (tlog-checkpoint allows them; ours carry {@code previous <size>}). */
  public List<String> extensions() {
    return extensions;
  }

  /** Tree size of the previous checkpoint of the same log, from the {@code previous} extension line. */
  public java.util.OptionalLong previousTreeSize() {
    for (String line : extensions) {
      if (line.startsWith(PREVIOUS) && line.substring(PREVIOUS.length()).matches("0|[1-9][0-9]{0,19}")) {
        return java.util.OptionalLong.of(Long.parseUnsignedLong(line.substring(PREVIOUS.length())));
      }
    }
    return java.util.OptionalLong.empty();
  }

  /** The signed text: origin, size, root and extension lines. */
  public String body() {
    return body;
  }

  /** The whole signed note, as stored in {@code DIR/checkpoints}. */
  public String note() {
    StringBuilder note = new StringBuilder(body).append('\n');
    for (NoteSignature s : signatures) {
      byte[] blob = new byte[4 + s.signature().length];
      blob[0] = (byte) (s.keyId() >>> 24);
      blob[1] = (byte) (s.keyId() >>> 16);
      blob[2] = (byte) (s.keyId() >>> 8);
      blob[3] = (byte) s.keyId();
      System.arraycopy(s.signature(), 0, blob, 4, s.signature().length);
      note.append(SIGNATURE_PREFIX).append(s.keyName()).append(' ')
          .append(Base64.getEncoder().encodeToString(blob)).append('\n');
    }
    return note.toString();
  }

  List<NoteSignature> signatures() {
    return new ArrayList<>(signatures);
  }

  static int maxSignatures() {
    return MAX_SIGNATURES;
  }

  static String signaturePrefix() {
    return SIGNATURE_PREFIX;
  }

  @Override
  public String toString() {
    return "Checkpoint[" + origin + " size " + Long.toUnsignedString(treeSize) + "]";
  }

  static String requireOrigin(String origin) {
    Objects.requireNonNull(origin, "origin");
    if (origin.isEmpty() || origin.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("a checkpoint origin is one non-empty line without control characters");
    }
    return origin;
  }

  static String requireKeyName(String name) {
    if (name == null || name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c)
        || Character.isSpaceChar(c) || c == '+' || c < 0x20)) {
      throw new IllegalArgumentException("a note key name is non-empty, without spaces or '+': '" + name + "'");
    }
    return name;
  }
}
