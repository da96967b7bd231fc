package io.fynedesk.connector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
   * Fully-qualified type names in code hide a dependency from the imports; this reads the sources.
   */
  @Test
  void mainCodeNamesNoTypeByItsFullyQualifiedName() throws IOException {
    Pattern fqn = Pattern.compile("\\bio\\.fynedesk\\.connector\\.[a-z]+\\.[A-Z]");
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      List<String> offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .flatMap(
                  p -> {
                    try {
                      return Files.readAllLines(p).stream()
                          .filter(
                              line -> !line.startsWith("import ") && !line.startsWith("package "))
                          .filter(line -> fqn.matcher(line).find())
                          .map(line -> p + ": " + line.trim());
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  })
              .toList();
      assertThat(offenders).isEmpty();
    }
  }
}
