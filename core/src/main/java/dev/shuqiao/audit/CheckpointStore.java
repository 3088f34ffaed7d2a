package dev.shuqiao.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Signed checkpoints of a log, one durable file {@code <tree size, 20 digits>.note} each. */
final class CheckpointStore {

  private final Path dir;

  CheckpointStore(Path dir) {
    this.dir = dir;
  }

  static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".note")).sorted().toList();
    }
  }

  synchronized void store(Checkpoint checkpoint) throws IOException {
    Path file = dir.resolve(String.format("%020d.note", checkpoint.treeSize()));
    if (Files.exists(file)) {
      return; // The tree at this size was already signed; keep the first signature.
    }
    LogFiles.writeAtomically(file, checkpoint.note().getBytes(StandardCharsets.UTF_8));
  }

  /** Every stored checkpoint, smallest tree first; a note that does not parse is corruption. */
  synchronized List<Checkpoint> all() throws IOException {
    List<Checkpoint> out = new ArrayList<>();
    for (Path file : files(dir)) {
      out.add(Checkpoint.parse(Files.readString(file, StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** Adds {@code vkey} to {@code DIR/verifier-keys} unless it is there already. */
  synchronized void rememberKey(Path logDir, String vkey) throws IOException {
    Path file = logDir.resolve(LogFiles.VERIFIER_KEYS);
    List<String> keys = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    if (!keys.contains(vkey)) {
      List<String> updated = new ArrayList<>(keys);
      updated.add(vkey);
      LogFiles.writeAtomically(file, (String.join("\n", updated) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  Optional<Checkpoint> latest() {
    try {
      List<Checkpoint> all = all();
      return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
