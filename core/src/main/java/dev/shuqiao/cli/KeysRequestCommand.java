package dev.shuqiao.cli;

import dev.shuqiao.crypto.KeyRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code keys request}: a department's new key pair and a certificate request for the city CA. */
final class KeysRequestCommand implements Command {

  @Override
  public String group() {
    return "keys";
  }

  @Override
  public String name() {
    return "request";
  }

  @Override
  public String usage() {
    return "--name NAME --credit-code CODE --out PREFIX [--algorithm sm2|ed25519|p256]";
  }

  @Override
  public String summary() {
    return "new department key and CSR (PREFIX.key.pem, PREFIX.csr.pem)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, IOException {
    Options options = Options.parse(args, List.of("--name", "--credit-code", "--out", "--algorithm"));
    if (!options.positional().isEmpty()) {
      throw new UsageException("unexpected argument " + options.positional().get(0));
    }
    String prefix = KeyFiles.required(options, "--out");
    KeyRequest request = KeyRequest.generate(KeyFiles.algorithm(options), KeyFiles.required(options, "--name"),
        KeyFiles.creditCode(options));
    KeyFiles.writeNew(Path.of(prefix + ".key.pem"), request.exportPrivateKeyPem(), true);
    KeyFiles.writeNew(Path.of(prefix + ".csr.pem"), request.csrPem(), false);
    out.println("wrote " + prefix + ".key.pem (secret, owner-only) and " + prefix + ".csr.pem (send to the city CA)");
    return OK;
  }
}
