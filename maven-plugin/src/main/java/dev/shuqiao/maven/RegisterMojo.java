package dev.shuqiao.maven;

import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.CatalogWriter;
import dev.shuqiao.catalog.DataResource;
import dev.shuqiao.catalog.ResourceCodeFormat;
import dev.shuqiao.catalog.ValidationReport;
import dev.shuqiao.client.ConflictException;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.ShuqiaoException;
import dev.shuqiao.client.ValidationException;
import dev.shuqiao.client.model.ValidationProblem;
import dev.shuqiao.crypto.DepartmentIdentity;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Registers the project's catalog with the city's Shuqiao hub, signed with the department's
 * identity: new resources are created, resources the hub already has are updated (a new version).
 * Without a hub URL the goal skips with a message; a hub that refuses fails the build with its reason.
 *
 * <pre>{@code
 * <configuration>
 *   <hubUrl>https://hub.liuzhou.example.gov.cn</hubUrl>
 *   <keystore>${user.home}/.shuqiao/health.p12</keystore>
 *   <keystorePassword>${env.SHUQIAO_KEYSTORE_PASSWORD}</keystorePassword>
 * </configuration>
 * }</pre>
 */
@Mojo(name = "register", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class RegisterMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** The hub's base URL; without it the goal skips. */
  @Parameter(property = "shuqiao.hub.url")
  String hubUrl;

  /** The department's identity: a PKCS#12 file with its key and the certificate the city CA issued. */
  @Parameter(property = "shuqiao.hub.keystore")
  File keystore;

  /** The keystore password; pass it from the environment ({@code ${env.X}}), never write it in the POM. */
  @Parameter(property = "shuqiao.hub.keystorePassword")
  String keystorePassword;

  /** The catalog descriptor (YAML or JSON). */
  @Parameter(property = "shuqiao.catalog", defaultValue = "${project.basedir}/src/main/shuqiao/catalog.yaml")
  File catalog;

  /** Skip this goal. */
  @Parameter(property = "shuqiao.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Shuqiao: skipped (shuqiao.skip).");
      return;
    }
    if (hubUrl == null || hubUrl.isBlank()) {
      getLog().info("Shuqiao: no hub configured (set <hubUrl> or -Dshuqiao.hub.url); skipping catalog registration.");
      return;
    }
    if (!catalog.isFile() && "pom".equals(project.getPackaging())) {
      getLog().info("Shuqiao: no catalog in this pom module; nothing to register.");
      return;
    }
    Catalog descriptor = readCatalog();
    ShuqiaoClient client = ShuqiaoClient.builder().endpoint(hubUrl).credential(identity()).build();
    try {
      register(client, descriptor);
    } catch (ValidationException e) {
      List<String> lines = new ArrayList<>();
      for (ValidationProblem problem : e.problems()) {
        lines.add("  " + problem.path() + " [" + problem.ruleId() + "] " + problem.message());
      }
      throw new MojoFailureException("Hub " + hubUrl + " refused catalog " + catalog + ": " + e.getMessage()
          + (lines.isEmpty() ? "" : "\n" + String.join("\n", lines)));
    } catch (ShuqiaoException e) {
      throw new MojoFailureException("Hub " + hubUrl + " refused catalog " + catalog + " (HTTP " + e.status() + ", "
          + e.type() + ", request " + e.requestId() + "): " + e.getMessage() + hint(e));
    }
  }

  private void register(ShuqiaoClient client, Catalog descriptor) {
    try {
      int created = client.createResources(descriptor).size();
      getLog().info("Shuqiao: registered " + created + " resource(s) of " + catalog.getName() + " with " + hubUrl + ".");
      return;
    } catch (ConflictException e) {
      getLog().info("Shuqiao: the hub already has some of these resources; updating them one by one.");
    }
    int created = 0;
    int updated = 0;
    for (DataResource resource : descriptor.resources()) {
      Catalog single = Catalog.builder(descriptor.info()).addResource(resource).build();
      String code = ResourceCodeFormat.DEFAULT.format(resource.code());
      if (client.existsResource(code)) {
        client.updateResource(code, CatalogWriter.toJson(single, ResourceCodeFormat.DEFAULT));
        updated++;
      } else {
        client.createResources(single);
        created++;
      }
    }
    getLog().info("Shuqiao: registered " + created + " new and updated " + updated + " resource(s) of "
        + catalog.getName() + " with " + hubUrl + ".");
  }

  private Catalog readCatalog() throws MojoFailureException {
    if (!catalog.isFile()) {
      throw new MojoFailureException("No catalog descriptor at " + catalog + " to register; point <catalog> / "
          + "-Dshuqiao.catalog at it.");
    }
    ValidationReport report = CatalogReader.create().read(catalog.toPath());
    if (report.hasErrors() || report.catalog().isEmpty()) {
      throw new MojoFailureException("Catalog " + catalog + " has " + report.errors().size()
          + " error(s); run shuqiao:catalog and fix them before registering.");
    }
    return report.catalog().get();
  }

  private DepartmentIdentity identity() throws MojoFailureException {
    if (keystore == null || !keystore.isFile()) {
      throw new MojoFailureException("Hub " + hubUrl + " is configured but the department keystore "
          + (keystore == null ? "is not set" : keystore + " does not exist")
          + "; set <keystore> / -Dshuqiao.hub.keystore to the PKCS#12 file the city CA issued.");
    }
    if (keystorePassword == null) {
      throw new MojoFailureException("Set <keystorePassword> / -Dshuqiao.hub.keystorePassword for " + keystore
          + " (from the environment, e.g. ${env.SHUQIAO_KEYSTORE_PASSWORD}).");
    }
    try {
      return DepartmentIdentity.fromPkcs12(Files.readAllBytes(keystore.toPath()), keystorePassword.toCharArray());
    } catch (IOException | RuntimeException e) {
      throw new MojoFailureException("Cannot open keystore " + keystore + ": " + e.getMessage()
          + " (wrong password, or not a PKCS#12 file with one key and its certificate).", e);
    }
  }

  private static String hint(ShuqiaoException e) {
    return switch (e.status()) {
      case 0 -> " — is the hub running and the URL right?";
      case 401 -> " — the hub does not know this identity: ask the hub administrator to register the department"
          + " with its certificate.";
      case 403 -> " — this department may only register resources it provides (provider code = its credit code).";
      default -> "";
    };
  }
}
