package dev.shuqiao.cli;

import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.Pem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code keys new-ca}: a new city root CA, saved as PKCS#12 plus its certificate in PEM. */
final class KeysNewCaCommand implements Command {

  @Override
  public String group() {
    return "keys";
  }

  @Override
  public String name() {
    return "new-ca";
  }

  @Override
  public String usage() {
    return "--name NAME --credit-code CODE --out PREFIX [--algorithm sm2|ed25519|p256] [--days 3650] [--password-file FILE]";
  }

  @Override
  public String summary() {
    return "create a city root CA (PREFIX.p12, PREFIX.crt.pem)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, IOException {
    Options options = Options.parse(args, List.of("--name", "--credit-code", "--out", "--algorithm", "--days", "--password-file"));
    if (!options.positional().isEmpty()) {
      throw new UsageException("unexpected argument " + options.positional().get(0));
    }
    String prefix = KeyFiles.required(options, "--out");
    char[] password = KeyFiles.password(options);
    CertificateAuthority ca = CertificateAuthority.create(KeyFiles.algorithm(options), KeyFiles.required(options, "--name"),
        KeyFiles.creditCode(options), KeyFiles.days(options, 3650));
    KeyFiles.writeNew(Path.of(prefix + ".p12"), ca.identity().toPkcs12(password), true);
    KeyFiles.writeNew(Path.of(prefix + ".crt.pem"), Pem.encode(ca.certificate()), false);
    out.println("wrote " + prefix + ".p12 (keep offline) and " + prefix + ".crt.pem (distribute to every department)");
    return OK;
  }
}
