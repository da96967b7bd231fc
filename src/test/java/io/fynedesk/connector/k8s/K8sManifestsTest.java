package io.fynedesk.connector.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fynedesk.connector.RequiredSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * Renders every kustomization under {@code k8s/} with kubectl, loads what renders into fabric8's
 * typed model refusing unknown fields, and checks that the objects line up with the connector:
 * ports and probes with application.yaml, secret references with the required settings, the
 * ConfigMaps with routes/ and the cluster's application.yaml, the Service without the management
 * port.
 */
class K8sManifestsTest {

  private static final Path K8S = Path.of("k8s");
  private static final Path ROUTES = Path.of("routes");

  static Stream<Path> kustomizations() throws IOException {
    try (Stream<Path> files = Files.walk(K8S)) {
      return files
          .filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
          .map(Path::getParent)
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void rendersIntoKnownObjectsWithoutUnknownFields(Path dir) throws Exception {
    List<HasMetadata> objects = StrictManifests.load(Kustomize.render(dir));

    assertThat(objects).as("objects rendered from %s", dir).isNotEmpty();
  }

  @Test
  void secretExampleIsAValidSecret() throws Exception {
    assertThat(StrictManifests.load(Files.readString(K8S.resolve("base/secret.example.yaml"))))
        .singleElement()
        .isInstanceOf(Secret.class);
  }

  @Test
  void deploymentRunsTwoHardenedReplicas() throws Exception {
    Deployment deployment = one(render("k8s"), Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container c = connector(deployment);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(volumeAt(pod, c, "/tmp").getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).containsKey("memory");
    assertThat(c.getResources().getLimits().get("memory"))
        .isEqualTo(c.getResources().getRequests().get("memory"));
  }

  /**
   * A JVM refuses to start on an option it does not know, so a typo in the pod's {@code
   * JAVA_TOOL_OPTIONS} would crash-loop every replica. Each kustomization's options are handed to
   * the image's JVM (Java 25 where the machine has it, else the one running the tests) the way the
   * pod does, through the environment.
   */
  @Test
  void podJvmOptionsAreAcceptedByAJvm() throws Exception {
    int checked = 0;
    for (Path dir : kustomizations().toList()) {
      for (Deployment d : all(StrictManifests.load(Kustomize.render(dir)), Deployment.class)) {
        String options = toolOptions(d, dir.toString());
        String output = assertJvmStarts(List.of(imageJava(), "-version"), options, dir.toString());

        assertThat(output).as(dir.toString()).contains("Picked up JAVA_TOOL_OPTIONS");
        checked++;
      }
    }
    assertThat(checked).as("kustomizations with a connector Deployment").isPositive();
  }

  /**
   * The same for the image's own JVM options, its {@code ENTRYPOINT}'s (the AOT cache itself is
   * made at build time, so it is left out here) and the pod's together, as the container starts.
   */
  @Test
  void imageEntrypointOptionsAreAcceptedByAJvm() throws Exception {
    String dockerfile = Files.readString(K8S.resolve("Dockerfile"));
    String entrypoint =
        dockerfile
            .lines()
            .filter(l -> l.startsWith("ENTRYPOINT"))
            .reduce((first, second) -> second)
            .orElseThrow(() -> new AssertionError("no ENTRYPOINT in k8s/Dockerfile"));
    List<String> argv =
        new ObjectMapper()
            .readValue(
                entrypoint.substring("ENTRYPOINT".length()).trim(),
                new TypeReference<List<String>>() {});
    assertThat(argv).as("exec form").contains("-jar");
    List<String> command = new ArrayList<>();
    command.add(imageJava());
    argv.subList(1, argv.indexOf("-jar")).stream()
        .filter(a -> !a.startsWith("-XX:AOTCache="))
        .forEach(command::add);
    command.add("-version");

    assertJvmStarts(command, toolOptions(one(render("k8s"), Deployment.class), "k8s"), "k8s");
  }

  @Test
  void portsAndProbesMatchApplicationYaml() throws Exception {
    Map<String, String> config = effectiveConfig();
    Container c = connector(one(render("k8s"), Deployment.class));
    String health =
        config.getOrDefault("management.endpoints.web.base-path", "/actuator") + "/health";

    assertThat(port(c, "http").getContainerPort())
        .isEqualTo(Integer.valueOf(config.get("server.port")));
    assertThat(port(c, "management").getContainerPort())
        .isEqualTo(Integer.valueOf(config.get("management.server.port")));
    assertThat(config.get("management.server.port")).isNotEqualTo(config.get("server.port"));
    assertThat(config.get("management.endpoint.health.probes.enabled")).isEqualTo("true");
    assertProbe(c.getReadinessProbe(), health + "/readiness");
    assertProbe(c.getLivenessProbe(), health + "/liveness");
    assertProbe(c.getStartupProbe(), health + "/liveness");
    assertThat(config.get("server.shutdown")).isEqualTo("graceful");
  }

  @Test
  void serviceExposesTheApiPortOnly() throws Exception {
    List<HasMetadata> objects = render("k8s");
    Deployment deployment = one(objects, Deployment.class);
    Container c = connector(deployment);
    Service service = one(objects, Service.class);
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p ->
                assertThat(targetPort(c, p.getTargetPort()))
                    .isEqualTo(port(c, "http").getContainerPort()));
    assertThat(service.getSpec().getPorts())
        .noneSatisfy(
            p ->
                assertThat(targetPort(c, p.getTargetPort()))
                    .isEqualTo(port(c, "management").getContainerPort()));
  }

  @Test
  void baseSecretReferencesAreInTheExampleAndSatisfyTheRequiredSettings() throws Exception {
    List<HasMetadata> objects = render("k8s");
    Secret example =
        (Secret)
            StrictManifests.load(Files.readString(K8S.resolve("base/secret.example.yaml"))).get(0);
    Container c = connector(one(objects, Deployment.class));

    for (EnvVar e : c.getEnv()) {
      if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
        assertThat(e.getValueFrom().getSecretKeyRef().getName())
            .isEqualTo(example.getMetadata().getName());
        assertThat(example.getStringData())
            .as("secret.example.yaml")
            .containsKey(e.getValueFrom().getSecretKeyRef().getKey());
      }
    }
    assertRequiredSettingsMet(
        containerEnv(objects, c, Map.of(example.getMetadata().getName(), example.getStringData())));
  }

  @Test
  void sandboxSecretReferencesResolveAndSatisfyTheRequiredSettings() throws Exception {
    List<HasMetadata> objects = render("k8s/overlays/sandbox");
    Container c = connector(one(objects, Deployment.class));
    Map<String, Map<String, String>> secrets = new HashMap<>();
    for (Secret s : all(objects, Secret.class)) {
      secrets.put(s.getMetadata().getName(), decoded(s));
    }

    assertThat(c.getEnv().stream().filter(e -> e.getValueFrom() != null))
        .allSatisfy(
            e -> {
              var ref = e.getValueFrom().getSecretKeyRef();
              assertThat(secrets).as("Secret of %s", e.getName()).containsKey(ref.getName());
              assertThat(secrets.get(ref.getName()))
                  .as("key of %s", e.getName())
                  .containsKey(ref.getKey());
            });
    assertRequiredSettingsMet(containerEnv(objects, c, secrets));
  }

  @Test
  void sandboxDatasourcePointsAtTheReferencePostgres() throws Exception {
    List<HasMetadata> objects = render("k8s/overlays/sandbox");
    Container c = connector(one(objects, Deployment.class));
    Map<String, String> env = containerEnv(objects, c, secretsOf(objects));
    StatefulSet postgres = one(objects, StatefulSet.class);
    Container pg = postgres.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, String> pgEnv = containerEnv(objects, pg, secretsOf(objects));
    Service pgService =
        all(objects, Service.class).stream()
            .filter(s -> s.getMetadata().getName().equals(postgres.getSpec().getServiceName()))
            .findFirst()
            .orElseThrow();
    URI url = URI.create(env.get("SPRING_DATASOURCE_URL").substring("jdbc:".length()));

    assertThat(url.getHost()).isEqualTo(pgService.getMetadata().getName());
    assertThat(url.getPort()).isEqualTo(pgService.getSpec().getPorts().get(0).getPort());
    assertThat(url.getPath()).isEqualTo("/" + pgEnv.get("POSTGRES_DB"));
    assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(pgEnv.get("POSTGRES_USER"));
    assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(pgEnv.get("POSTGRES_PASSWORD"));
    assertThat(postgres.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(pgService.getSpec().getSelector());
  }

  @Test
  void configMapsCarryRoutesAndTheClusterApplicationYamlWhereTheConnectorReadsThem()
      throws Exception {
    List<HasMetadata> objects = render("k8s");
    Deployment deployment = one(objects, Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container c = connector(deployment);
    Map<String, String> env = containerEnv(objects, c, Map.of());
    Map<String, String> config = effectiveConfig();
    String pattern = config.get("camel.main.routes-include-pattern");
    assertThat(pattern).startsWith("file:/").endsWith("/*.camel.yaml");
    String routesDir =
        pattern.substring("file:".length(), pattern.length() - "/*.camel.yaml".length());
    String appLocation = env.get("SPRING_CONFIG_ADDITIONAL_LOCATION");
    assertThat(appLocation).startsWith("file:/").endsWith("/");

    ConfigMap routes = configMapAt(objects, pod, c, routesDir);
    ConfigMap application =
        configMapAt(
            objects, pod, c, appLocation.substring("file:".length(), appLocation.length() - 1));

    assertThat(routes.getData().keySet())
        .as("routes/kustomization.yaml lists every routes/*.camel.yaml (and nothing else)")
        .containsExactlyInAnyOrderElementsOf(routeFiles().keySet());
    assertThat(routes.getData()).isEqualTo(routeFiles());
    assertThat(application.getData())
        .containsOnlyKeys("application.yaml")
        .containsEntry("application.yaml", Files.readString(K8S.resolve("base/application.yaml")));
  }

  @Test
  void disruptionBudgetKeepsOneOfTheReplicas() throws Exception {
    List<HasMetadata> objects = render("k8s");
    Deployment deployment = one(objects, Deployment.class);
    PodDisruptionBudget pdb = one(objects, PodDisruptionBudget.class);

    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    assertThat(pdb.getSpec().getMinAvailable().getIntVal())
        .isBetween(1, deployment.getSpec().getReplicas() - 1);
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** The image's JVM (Java 25) where this machine has it, else the one running the tests. */
  private static String imageJava() {
    Path java25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    return Files.isExecutable(java25)
        ? java25.toString()
        : ProcessHandle.current().info().command().orElse("java");
  }

  /** The connector container's {@code JAVA_TOOL_OPTIONS} in a rendered Deployment. */
  private static String toolOptions(Deployment d, String dir) {
    return connector(d).getEnv().stream()
        .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
        .map(EnvVar::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no JAVA_TOOL_OPTIONS in " + dir));
  }

  /**
   * Runs {@code command} with {@code toolOptions} in the environment, as the pod passes them, and
   * asserts that the JVM starts without refusing or ignoring any option; returns what it printed.
   */
  private static String assertJvmStarts(List<String> command, String toolOptions, String what)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
    Process jvm = pb.start();
    String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(jvm.waitFor())
        .as("%s: %s with JAVA_TOOL_OPTIONS=%s:%n%s", what, command, toolOptions, output)
        .isZero();
    assertThat(output).as(what).doesNotContain("Unrecognized", "Ignoring option", "warning");
    return output;
  }

  private static List<HasMetadata> render(String dir) throws Exception {
    return StrictManifests.load(Kustomize.render(Path.of(dir)));
  }

  private static <T> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static <T> T one(List<HasMetadata> objects, Class<T> type) {
    assertThat(all(objects, type)).as(type.getSimpleName()).hasSize(1);
    return all(objects, type).get(0);
  }

  private static Container connector(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals("connector"))
        .findFirst()
        .orElseThrow();
  }

  private static ContainerPort port(Container c, String name) {
    return c.getPorts().stream()
        .filter(p -> name.equals(p.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no port " + name));
  }

  private static int targetPort(Container c, IntOrString target) {
    return target.getIntVal() != null
        ? target.getIntVal()
        : port(c, target.getStrVal()).getContainerPort();
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe).as("probe on " + path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
  }

  private static Volume volumeAt(PodSpec pod, Container c, String mountPath) {
    VolumeMount mount =
        c.getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals(mountPath))
            .findFirst()
            .orElseThrow(() -> new AssertionError("nothing mounted at " + mountPath));
    return pod.getVolumes().stream()
        .filter(v -> v.getName().equals(mount.getName()))
        .findFirst()
        .orElseThrow();
  }

  private static ConfigMap configMapAt(
      List<HasMetadata> objects, PodSpec pod, Container c, String mountPath) {
    String name = volumeAt(pod, c, mountPath).getConfigMap().getName();
    return all(objects, ConfigMap.class).stream()
        .filter(m -> m.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("ConfigMap " + name + " is not rendered"));
  }

  private static Map<String, String> routeFiles() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(ROUTES)) {
      for (Path f : list.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).toList()) {
        files.put(f.getFileName().toString(), Files.readString(f));
      }
    }
    return files;
  }

  /**
   * The packaged application.yaml with the cluster's k8s/base/application.yaml over it, flattened.
   */
  private static Map<String, String> effectiveConfig() {
    Map<String, String> config = new HashMap<>();
    for (String file : List.of("application.yaml", "k8s/base/application.yaml")) {
      YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
      yaml.setResources(new FileSystemResource(file));
      Properties p = yaml.getObject();
      // Values keep their YAML types (8080 is an Integer), so not stringPropertyNames().
      p.forEach((k, v) -> config.put(k.toString(), String.valueOf(v)));
    }
    return config;
  }

  private static Map<String, Map<String, String>> secretsOf(List<HasMetadata> objects) {
    Map<String, Map<String, String>> secrets = new HashMap<>();
    all(objects, Secret.class).forEach(s -> secrets.put(s.getMetadata().getName(), decoded(s)));
    return secrets;
  }

  /**
   * Secret values in clear; kustomize wraps long base64 values over lines, hence the MIME decoder.
   */
  private static Map<String, String> decoded(Secret s) {
    Map<String, String> values = new HashMap<>();
    if (s.getData() != null) {
      s.getData()
          .forEach(
              (k, v) ->
                  values.put(
                      k, new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (s.getStringData() != null) {
      values.putAll(s.getStringData());
    }
    return values;
  }

  /**
   * The container's environment as the kubelet builds it: envFrom ConfigMaps, then env (secrets
   * resolved).
   */
  private static Map<String, String> containerEnv(
      List<HasMetadata> objects, Container c, Map<String, Map<String, String>> secrets) {
    Map<String, String> env = new HashMap<>();
    if (c.getEnvFrom() != null) {
      c.getEnvFrom()
          .forEach(
              from -> {
                String name = from.getConfigMapRef().getName();
                ConfigMap map =
                    all(objects, ConfigMap.class).stream()
                        .filter(m -> m.getMetadata().getName().equals(name))
                        .findFirst()
                        .orElseThrow(
                            () ->
                                new AssertionError(
                                    "envFrom ConfigMap " + name + " is not rendered"));
                env.putAll(map.getData());
              });
    }
    for (EnvVar e : c.getEnv()) {
      if (e.getValue() != null) {
        env.put(e.getName(), e.getValue());
      } else if (e.getValueFrom().getSecretKeyRef() != null) {
        var ref = e.getValueFrom().getSecretKeyRef();
        String value = secrets.getOrDefault(ref.getName(), Map.of()).get(ref.getKey());
        if (value != null) {
          env.put(e.getName(), value);
        }
      }
    }
    return env;
  }

  /**
   * The connector's own start-up check, fed the container's environment (relaxed binding included).
   */
  private static void assertRequiredSettingsMet(Map<String, String> env) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(new SystemEnvironmentPropertySource("pod", new HashMap<>(env)));
    assertThatCode(
            () ->
                new RequiredSettings().postProcessEnvironment(environment, new SpringApplication()))
        .doesNotThrowAnyException();
  }
}
