package io.fynedesk.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RequiredSettingsTest {

  static StandardEnvironment env(Map<String, Object> props, String... profiles) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    env.getPropertySources().addFirst(new MapPropertySource("test", props));
    env.setActiveProfiles(profiles);
    return env;
  }

  @Test
  void missingRequiredPropertiesStopTheStartNamingEachOne() {
    Map<String, Object> props =
        new HashMap<>(
            Map.of("fynedesk.api.base-url", "https://fd.test", "fynedesk.api.token", "t"));
    assertThatThrownBy(
            () ->
                new RequiredSettings().postProcessEnvironment(env(props), new SpringApplication()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fynedesk.events.secret")
        .hasMessageContaining("connector.security.encryption-key")
        .hasMessageContaining("connector.operator.password")
        .hasMessageContaining("connector.security.jwt.secret")
        .hasMessageNotContaining("fynedesk.api.token");
  }

  @Test
  void completeConfigurationStarts() {
    Map<String, Object> props =
        Map.of(
            "fynedesk.api.base-url",
            "https://fd.test",
            "fynedesk.api.token",
            "t",
            "fynedesk.events.secret",
            "s",
            "connector.security.jwt.jwk-set-uri",
            "https://idp.test/jwks",
            "connector.security.encryption-key",
            "k",
            "connector.operator.password",
            "p");
    new RequiredSettings().postProcessEnvironment(env(props), new SpringApplication());
  }

  @Test
  void sandboxGeneratesWhatIsMissing() {
    StandardEnvironment env = env(new HashMap<>(), "sandbox");
    new RequiredSettings().postProcessEnvironment(env, new SpringApplication());
    assertThat(env.getProperty("connector.security.jwt.secret")).hasSizeGreaterThanOrEqualTo(32);
    assertThat(Base64.getDecoder().decode(env.getProperty("connector.security.encryption-key")))
        .hasSize(32);
    assertThat(env.getProperty("fynedesk.events.secret")).isNotBlank();
    assertThat(env.getProperty("connector.operator.password")).isNotBlank();
  }
}
