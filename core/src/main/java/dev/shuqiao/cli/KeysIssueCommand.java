package dev.shuqiao.cli;

import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.Department;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.Pem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/** {@code keys issue}: the city CA signs a department's certificate request. */
final class KeysIssueCommand implements Command {

  @Override
  public String group() {
    return "keys";
  }

  @Override
  public String name() {
    return "issue";
  }

  @Override
  public String usage() {
    return "--ca CA.p12 --csr DEPT.csr.pem --out DEPT.crt.pem [--days 365] [--password-file FILE]";
  }

  @Override
  public String summary() {
    return "issue a department certificate from a CSR";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, IOException {
    Options options = Options.parse(args, List.of("--ca", "--csr", "--out", "--days", "--password-file"));
    if (!options.positional().isEmpty()) {
      throw new UsageException("unexpected argument " + options.positional().get(0));
    }
    Path outPath = Path.of(KeyFiles.required(options, "--out"));
    CertificateAuthority ca = ca(options);
    String csr = Files.readString(Path.of(KeyFiles.required(options, "--csr")));
    X509Certificate certificate;
    try {
      certificate = ca.issue(csr, KeyFiles.days(options, 365));
    } catch (IllegalArgumentException e) {
      err.println("shuqiao: request refused: " + e.getMessage());
      return FINDINGS;
    }
    KeyFiles.writeNew(outPath, Pem.encode(certificate), false);
    out.println("issued " + Department.of(certificate) + ", serial " + certificate.getSerialNumber().toString(16)
        + ", to " + outPath);
    return OK;
  }

  static CertificateAuthority ca(Options options) throws UsageException, IOException {
    char[] password = KeyFiles.password(options);
    byte[] p12 = Files.readAllBytes(Path.of(KeyFiles.required(options, "--ca")));
    try {
      return CertificateAuthority.of(DepartmentIdentity.fromPkcs12(p12, password));
    } catch (IllegalArgumentException e) {
      throw new IOException("cannot load the CA: " + e.getMessage());
    }
  }
}
