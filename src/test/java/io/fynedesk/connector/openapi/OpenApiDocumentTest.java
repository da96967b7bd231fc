package io.fynedesk.connector.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps {@code openapi/connector-api.yaml} honest as routes change: the REST paths of the routes,
 * the problem codes of the sources and the problem+json error bodies must match the document.
 */
class OpenApiDocumentTest {

  private static final Path DOCUMENT = Path.of("src/main/resources/openapi/connector-api.yaml");
  private static final Path ROUTES = Path.of("routes");
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Set<String> VERBS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options");
  private static final String PROBLEM_JSON = "application/problem+json";

  /** Contract codes of endpoints not served yet: in the enum, used by no source today. */
  private static final Set<String> RESERVED_CODES = Set.of("oauth_not_configured", "rate_limited");

  /** Problem factories whose code is fixed by the method rather than written at the call. */
  private static final Map<String, String> FIXED_CODE_FACTORIES =
      Map.of(
          "ProblemException.notFound(", "not_found",
          "ProblemException.validation(", "validation_failed",
          "Problem.validation(", "validation_failed");

  private static final Pattern LITERAL_CODE =
      Pattern.compile("\\b(?:Problem|ProblemException)\\.of\\(\\s*[^,()]+,\\s*\"([a-z_]+)\"");

  @Test
  void everyRestPathOfTheRoutesIsDocumentedWithTheSameMethods() throws IOException {
    Map<String, Set<String>> served = restOperationsOfRoutes();
    Map<String, Set<String>> documented = documentedOperations();
    // Spring Boot serves /actuator/**, not a route; everything else in the document must be a
    // route.
    documented.keySet().removeIf(p -> p.startsWith("/actuator/"));

    assertThat(served)
        .containsKeys("/api/v1/events", "/api/v1/connections/notion", "/openapi.yaml");
    assertThat(documented).isEqualTo(served);
  }

  @Test
  void everyProblemCodeOfTheSourcesIsInTheCodeEnum() throws IOException {
    Set<String> used = problemCodesOfSources();
    Set<String> documented =
        new TreeSet<>(strings(path(document(), "components", "schemas", "ProblemCode", "enum")));

    assertThat(used)
        .contains("invalid_signature", "not_connected", "validation_failed", "not_found");
    assertThat(documented).containsAll(used);
    Set<String> unused = new TreeSet<>(documented);
    unused.removeAll(used);
    assertThat(unused)
        .as("codes in the document that no source answers")
        .isSubsetOf(RESERVED_CODES);
  }

  @Test
  void everyOperationDeclaresItsErrorsAsProblemJson() throws IOException {
    Map<String, Object> doc = document();
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Object> p : map(doc.get("paths")).entrySet()) {
      for (Map.Entry<String, Object> op : map(p.getValue()).entrySet()) {
        if (!VERBS.contains(op.getKey())) {
          continue;
        }
        String name = op.getKey().toUpperCase() + " " + p.getKey();
        int errors = 0;
        for (Map.Entry<String, Object> r : map(map(op.getValue()).get("responses")).entrySet()) {
          String status = String.valueOf(r.getKey());
          if (!status.startsWith("4") && !status.startsWith("5")) {
            continue;
          }
          errors++;
          // Actuator health answers DOWN with its own health document, not a problem.
          if (p.getKey().startsWith("/actuator/health") && status.equals("503")) {
            continue;
          }
          Map<String, Object> content = map(resolve(doc, map(r.getValue())).get("content"));
          if (content == null
              || !content.keySet().equals(Set.of(PROBLEM_JSON))
              || !"#/components/schemas/Problem"
                  .equals(map(map(content.get(PROBLEM_JSON)).get("schema")).get("$ref"))) {
            wrong.add(name + " " + status);
          }
        }
        if (errors == 0) {
          wrong.add(name + " declares no error response");
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theOpenApiRouteServesThisDocumentAsYaml() throws Exception {
    Map<String, Object> route = routeById("openapi-document");
    assertThat(route.get("description")).isNotNull();
    List<Object> steps = list(map(route.get("from")).get("steps"));
    String source =
        steps.stream()
            .map(OpenApiDocumentTest::map)
            .filter(s -> s.containsKey("setBody"))
            .map(s -> String.valueOf(map(s.get("setBody")).get("constant")))
            .findFirst()
            .orElseThrow();
    assertThat(steps)
        .contains(
            Map.of("setHeader", Map.of("name", "Content-Type", "constant", "application/yaml")));
    assertThat(source).isEqualTo("resource:classpath:openapi/connector-api.yaml");

    String file = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
    // The constant language reads the resource with the platform charset: ASCII reads the same
    // everywhere.
    assertThat(file.chars().allMatch(c -> c < 128)).as("document is ASCII").isTrue();
    try (DefaultCamelContext camel = new DefaultCamelContext()) {
      // The route file is valid YAML DSL (loaded, not started: starting the REST part needs
      // platform-http).
      PluginHelper.getRoutesLoader(camel)
          .loadRoutes(
              PluginHelper.getResourceLoader(camel)
                  .resolveResource("file:" + ROUTES.resolve("openapi.camel.yaml")));
      assertThat(
              camel
                  .getCamelContextExtension()
                  .getContextPlugin(Model.class)
                  .getRouteDefinition("openapi-document"))
          .isNotNull();
      assertThat(
              camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions())
          .anyMatch(r -> "/openapi.yaml".equals(r.getPath()));
      Object body =
          camel
              .resolveLanguage("constant")
              .createExpression(source)
              .evaluate(new DefaultExchange(camel), String.class);
      assertThat(body).isEqualTo(file);
    }
  }

  /**
   * Path → HTTP methods of every REST DSL verb and platform-http consumer in routes/*.camel.yaml.
   */
  private static Map<String, Set<String>> restOperationsOfRoutes() throws IOException {
    Map<String, Set<String>> ops = new TreeMap<>();
    for (Map<String, Object> element : routeElements()) {
      Map<String, Object> rest = map(element.get("rest"));
      if (rest != null) {
        String base = String.valueOf(rest.getOrDefault("path", ""));
        for (String verb : VERBS) {
          for (Object v : list(rest.get(verb))) {
            Object sub = map(v).get("path");
            ops.computeIfAbsent(join(base, sub == null ? "" : sub.toString()), k -> new TreeSet<>())
                .add(verb);
          }
        }
      }
      Map<String, Object> route = map(element.get("route"));
      String uri = route == null ? null : String.valueOf(map(route.get("from")).get("uri"));
      if (uri != null && uri.startsWith("platform-http:")) {
        Matcher m = Pattern.compile("httpMethodRestrict=([A-Za-z,]+)").matcher(uri);
        String methods = m.find() ? m.group(1).toLowerCase() : "get";
        ops.computeIfAbsent(
                join(uri.substring("platform-http:".length()).split("\\?")[0], ""),
                k -> new TreeSet<>())
            .addAll(List.of(methods.split(",")));
      }
    }
    return ops;
  }

  private static Map<String, Set<String>> documentedOperations() throws IOException {
    Map<String, Set<String>> ops = new TreeMap<>();
    for (Map.Entry<String, Object> p : map(document().get("paths")).entrySet()) {
      Set<String> methods = new TreeSet<>(map(p.getValue()).keySet());
      methods.retainAll(VERBS);
      ops.put(p.getKey(), methods);
    }
    return ops;
  }

  /**
   * Codes written in Problem.of / ProblemException.of calls, plus those of the fixed-code
   * factories.
   */
  private static Set<String> problemCodesOfSources() throws IOException {
    Set<String> codes = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
        String src = Files.readString(f, StandardCharsets.UTF_8);
        Matcher m = LITERAL_CODE.matcher(src);
        while (m.find()) {
          codes.add(m.group(1));
        }
        FIXED_CODE_FACTORIES.forEach(
            (call, code) -> {
              if (src.contains(call)) {
                codes.add(code);
              }
            });
      }
    }
    return codes;
  }

  private static Map<String, Object> routeById(String id) throws IOException {
    return routeElements().stream()
        .map(e -> map(e.get("route")))
        .filter(r -> r != null && id.equals(r.get("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no route " + id));
  }

  private static List<Map<String, Object>> routeElements() throws IOException {
    List<Map<String, Object>> elements = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROUTES)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".camel.yaml")).sorted().toList()) {
        for (Object e : list(load(f))) {
          elements.add(map(e));
        }
      }
    }
    return elements;
  }

  private static Map<String, Object> document() throws IOException {
    return map(load(DOCUMENT));
  }

  private static Object load(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Yaml().load(r);
    }
  }

  /** Follows a local {@code $ref} (one level, as the document uses them). */
  private static Map<String, Object> resolve(Map<String, Object> doc, Map<String, Object> node) {
    Object ref = node.get("$ref");
    if (ref == null) {
      return node;
    }
    return map(path(doc, ref.toString().substring(2).split("/")));
  }

  private static Object path(Map<String, Object> root, String... keys) {
    Object node = root;
    for (String k : keys) {
      node = map(node).get(k);
    }
    return node;
  }

  private static String join(String base, String sub) {
    String p = ("/" + base + "/" + sub).replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return o == null ? List.of() : (List<Object>) o;
  }

  private static List<String> strings(Object o) {
    return list(o).stream().map(String::valueOf).toList();
  }
}
