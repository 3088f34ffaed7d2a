package dev.shuqiao.cli;

import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.Pem;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code keys crl}: the city CA signs a fresh CRL listing the revoked serial numbers. */
final class KeysCrlCommand implements Command {

  @Override
  public String group() {
    return "keys";
  }

  @Override
  public String name() {
    return "crl";
  }

  @Override
  public String usage() {
    return "--ca CA.p12 --out CRL.pem [--revoked HEX,HEX...] [--days 7] [--password-file FILE]";
  }

  @Override
  public String summary() {
    return "sign a CRL of revoked certificate serials";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, IOException {
    Options options = Options.parse(args, List.of("--ca", "--out", "--revoked", "--days", "--password-file"));
    if (!options.positional().isEmpty()) {
      throw new UsageException("unexpected argument " + options.positional().get(0));
    }
    Path outPath = Path.of(KeyFiles.required(options, "--out"));
    List<BigInteger> serials = new ArrayList<>();
    for (String hex : options.value("--revoked", "").split(",")) {
      if (!hex.isBlank()) {
        try {
          serials.add(new BigInteger(hex.strip(), 16));
        } catch (NumberFormatException e) {
          throw new UsageException("--revoked takes hexadecimal serial numbers separated by commas");
        }
      }
    }
    CertificateAuthority ca = KeysIssueCommand.ca(options);
    KeyFiles.writeNew(outPath, Pem.encode(ca.crl(serials, KeyFiles.days(options, 7))), false);
    out.println("wrote " + outPath + " revoking " + serials.size() + " certificate(s)");
    return OK;
  }
}
