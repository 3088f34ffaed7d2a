package dev.shuqiao.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Registers the catalog with the city's Shuqiao hub. The hub client (sdk-client) does not exist yet:
 * without a hub this goal skips with a message; with one configured it stops with an explanation
 * rather than pretend to have registered.
 */
@Mojo(name = "register", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class RegisterMojo extends AbstractMojo {

  /** The hub's base URL. */
  @Parameter(property = "shuqiao.hub.url")
  String hubUrl;

  /** Skip this goal. */
  @Parameter(property = "shuqiao.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Shuqiao: skipped (shuqiao.skip).");
      return;
    }
    if (hubUrl == null || hubUrl.isBlank()) {
      getLog().info("Shuqiao: no hub configured (set <hubUrl> or -Dshuqiao.hub.url); skipping catalog registration.");
      return;
    }
    throw new MojoExecutionException("Registering with hub " + hubUrl + " needs the Shuqiao SDK client, which "
        + "this plugin version does not include yet; remove shuqiao.hub.url or skip with -Dshuqiao.skip.");
  }
}
