package dev.shuqiao.client.model;

import java.util.Objects;

/**
 * What an administrator submits to register a department: its credit code, name, the certificate
 * the city CA issued it (PEM) and the URL where it serves data.
 */
public record CreateDepartmentOptions(String code, String name, String certificatePem, String endpointUrl) {

  public CreateDepartmentOptions {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(certificatePem, "certificatePem");
    Objects.requireNonNull(endpointUrl, "endpointUrl");
  }
}
