package dev.shuqiao.hub;

import dev.shuqiao.audit.CheckpointCosigner;
import dev.shuqiao.audit.CheckpointSigner;
import dev.shuqiao.audit.NoteKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/** The hub's Ed25519 checkpoint and witness keys, created on first start and kept owner-readable in the data directory. */
final class CheckpointKey {

  private CheckpointKey() {}

  static CheckpointSigner loadOrCreate(Path file, String keyName) {
    return NoteKeys.ed25519Signer(keyName, pair(file));
  }

  /**
   * The hub's witness key, a separate Ed25519 key in the same form: its cosignatures state what the hub
   * checked of the departments' logs, its checkpoint key signs the hub's own log, and C2SP asks for
   * one key per cosigner statement (the Ed25519 cosigned message does not commit to the key name).
   */
  static CheckpointCosigner loadOrCreateWitness(Path file, String keyName) {
    return NoteKeys.ed25519Cosigner(keyName, pair(file));
  }

  private static KeyPair pair(Path file) {
    try {
      return Files.exists(file) ? read(file) : create(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the checkpoint key " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the checkpoint key " + file + " is unreadable", e);
    }
  }

  private static KeyPair create(Path file) throws IOException, GeneralSecurityException {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
        + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n", StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the data directory's own permissions must protect the key
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return pair;
  }

  private static KeyPair read(Path file) throws IOException, GeneralSecurityException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    KeyFactory factory = KeyFactory.getInstance("Ed25519");
    return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1)))),
        factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0)))));
  }
}
