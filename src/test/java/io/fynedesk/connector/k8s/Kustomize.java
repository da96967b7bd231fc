package io.fynedesk.connector.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with the real tool: {@code kubectl kustomize} (kubectl embeds kustomize),
 * or a standalone {@code kustomize build}. {@code KUBECTL} names another kubectl. Without either
 * the tests are skipped on a developer's machine and fail under CI ({@code CI=true}).
 */
final class Kustomize {

  private Kustomize() {}

  /** The rendered multi-document YAML of the kustomization in {@code dir}. */
  static String render(Path dir) throws IOException, InterruptedException {
    List<String> command = command(dir);
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    assertThat(process.exitValue()).as("%s failed:%n%s", command, err).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  private static List<String> command(Path dir) {
    String target = dir.toString();
    Optional<String> kubectl =
        Optional.ofNullable(System.getenv("KUBECTL")).or(() -> onPath("kubectl"));
    if (kubectl.isPresent()) {
      return List.of(kubectl.get(), "kustomize", target);
    }
    Optional<String> kustomize = onPath("kustomize");
    if (kustomize.isPresent()) {
      return List.of(kustomize.get(), "build", target);
    }
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    assertThat(ci)
        .as("CI must render the manifests: neither kubectl nor kustomize is on the PATH")
        .isFalse();
    assumeTrue(false, "neither kubectl nor kustomize on the PATH: manifests not rendered");
    return List.of();
  }

  private static Optional<String> onPath(String name) {
    List<String> dirs =
        new ArrayList<>(
            List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    return dirs.stream()
        .filter(d -> !d.isBlank())
        .map(d -> Path.of(d, name))
        .filter(Files::isExecutable)
        .map(Path::toString)
        .findFirst();
  }
}
