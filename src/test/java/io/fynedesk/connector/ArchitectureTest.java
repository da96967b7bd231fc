package io.fynedesk.connector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The house rules of README "Architecture": which rooms may import which. A rule broken here is a
 * design change to discuss, not a test to adjust.
 */
class ArchitectureTest {

  static final String ROOT = "io.fynedesk.connector";

  /** Feature packages: each reaches an org's connection only through connection's public API. */
  static final List<String> FEATURES = List.of("tickets", "kb", "status", "knowledge", "webhooks");

  /** Platform packages: they serve every feature and import none. */
  static final List<String> PLATFORM =
      List.of("inbox", "web", "security", "failures", "loopguard", "ops");

  static JavaClasses main;

  @BeforeAll
  static void importMain() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  static String pkg(String name) {
    return ROOT + "." + name + "..";
  }

  static String[] featurePackages() {
    return FEATURES.stream().map(ArchitectureTest::pkg).toArray(String[]::new);
  }

  @Test
  void blockEngineImportsNoSpringCamelOrClient() {
    noClasses()
        .that()
        .resideInAPackage(pkg("blocks"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.apache.camel..",
            pkg("notion"),
            pkg("fynedesk"),
            pkg("connection"))
        .check(main);
  }

  @Test
  void clientsImportNoFeatureAndNoConnection() {
    List<String> forbidden = new ArrayList<>(FEATURES.stream().map(ArchitectureTest::pkg).toList());
    forbidden.add(pkg("connection"));
    noClasses()
        .that()
        .resideInAnyPackage(pkg("notion"), pkg("fynedesk"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden.toArray(String[]::new))
        .check(main);
  }

  static Stream<String> features() {
    return FEATURES.stream();
  }

  @ParameterizedTest
  @MethodSource("features")
  void noFeatureImportsAnotherFeature(String feature) {
    String[] others =
        FEATURES.stream()
            .filter(f -> !f.equals(feature))
            .map(ArchitectureTest::pkg)
            .toArray(String[]::new);
    noClasses()
        .that()
        .resideInAPackage(pkg(feature))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(others)
        .allowEmptyShould(true)
        .check(main);
  }

  static Stream<String> platform() {
    return PLATFORM.stream();
  }

  @ParameterizedTest
  @MethodSource("platform")
  void platformImportsNoFeature(String platform) {
    noClasses()
        .that()
        .resideInAPackage(pkg(platform))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(featurePackages())
        .allowEmptyShould(true)
        .check(main);
  }

  @Test
  void inboxImportsNeitherFeaturesNorConnection() {
    noClasses()
        .that()
        .resideInAPackage(pkg("inbox"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(pkg("connection"), pkg("notion"), pkg("fynedesk"))
        .check(main);
  }

  /** The connection page reaches the connector only over HTTP, through the admin API. */
  @Test
  void connectionPageImportsNoFeatureClientOrConnection() {
    List<String> forbidden = new ArrayList<>(FEATURES.stream().map(ArchitectureTest::pkg).toList());
    forbidden.addAll(List.of(pkg("connection"), pkg("notion"), pkg("fynedesk"), pkg("inbox")));
    noClasses()
        .that()
        .resideInAPackage(pkg("page"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden.toArray(String[]::new))
        .check(main);
  }

  @Test
  void featuresUseConnectionsPublicApiOnly() {
    noClasses()
        .that()
        .resideInAnyPackage(featurePackages())
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName(ROOT + ".connection.ConnectionRepository")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName(ROOT + ".connection.NotionAccess")
        .check(main);
  }

  /**
   * Fully-qualified type names in code hide a dependency from the imports; this reads the sources,
   * main and test (the simulators and fixtures are code the team reads too). Any package counts
   * (the project's, the JDK's, a library's), outside comments and string literals. The one
   * exception is a genuine clash: the file imports another type of the same simple name, so one of
   * the two must be written out.
   */
  @Test
  void codeNamesNoTypeByItsFullyQualifiedName() throws IOException {
    Pattern fqn =
        Pattern.compile(
            "(?<![\\w.@\"])((?:java|javax|org|com|io)\\.(?:[a-z0-9_]+\\.)+)([A-Z]\\w*)");
    Pattern importLine = Pattern.compile("^import\\s+([\\w.]+)\\.(\\w+);");
    List<String> offenders = new ArrayList<>();
    List<Path> sources = new ArrayList<>();
    for (String root : List.of("src/main/java", "src/test/java")) {
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
      }
    }
    for (Path p : sources) {
      List<String> lines = Files.readAllLines(p);
      Map<String, String> imported = new HashMap<>();
      for (String line : lines) {
        Matcher m = importLine.matcher(line);
        if (m.find()) {
          imported.put(m.group(2), m.group(1) + "." + m.group(2));
        }
      }
      for (String line : lines) {
        String code = line.trim();
        if (code.startsWith("import ")
            || code.startsWith("package ")
            || code.startsWith("*")
            || code.startsWith("//")
            || code.startsWith("/*")) {
          continue;
        }
        Matcher m = fqn.matcher(line);
        while (m.find()) {
          boolean inString =
              line.substring(0, m.start()).chars().filter(c -> c == '"').count() % 2 == 1;
          String name = m.group(1) + m.group(2);
          String clash = imported.get(m.group(2));
          if (!inString && (clash == null || clash.equals(name))) {
            offenders.add(p + ": " + code);
          }
        }
      }
    }
    assertThat(offenders).isEmpty();
  }
}
