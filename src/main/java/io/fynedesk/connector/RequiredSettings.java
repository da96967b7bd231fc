package io.fynedesk.connector;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Stops the start with a message naming each missing required property (CONTRACT.md), or, in the
 * {@code sandbox} profile, generates random values for the missing secrets.
 */
public class RequiredSettings implements EnvironmentPostProcessor {

  /** Property source holding generated sandbox secrets. */
  public static final String SANDBOX_SOURCE = "sandboxGeneratedSecrets";

  private static final List<String> REQUIRED =
      List.of(
          "fynedesk.api.base-url",
          "fynedesk.api.token",
          "fynedesk.events.secret",
          "connector.security.encryption-key",
          "connector.operator.password");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    boolean sandbox = List.of(env.getActiveProfiles()).contains("sandbox");
    if (sandbox) {
      generateMissing(env);
      return;
    }
    List<String> missing = new ArrayList<>();
    for (String key : REQUIRED) {
      if (blank(env.getProperty(key))) {
        missing.add(key);
      }
    }
    if (blank(env.getProperty("connector.security.jwt.secret"))
        && blank(env.getProperty("connector.security.jwt.jwk-set-uri"))) {
      missing.add("connector.security.jwt.secret (or connector.security.jwt.jwk-set-uri)");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Missing required configuration: "
              + String.join(", ", missing)
              + ". Set them (e.g. FYNEDESK_API_TOKEN as an environment variable) or run with the sandbox profile.");
    }
  }

  private static void generateMissing(ConfigurableEnvironment env) {
    SecureRandom random = new SecureRandom();
    Map<String, Object> generated = new LinkedHashMap<>();
    for (String key :
        List.of(
            "fynedesk.api.token",
            "fynedesk.events.secret",
            "connector.security.jwt.secret",
            "connector.operator.password")) {
      if (blank(env.getProperty(key))) {
        generated.put(key, token(random, 32));
      }
    }
    if (blank(env.getProperty("connector.security.encryption-key"))) {
      byte[] key = new byte[32];
      random.nextBytes(key);
      generated.put("connector.security.encryption-key", Base64.getEncoder().encodeToString(key));
    }
    env.getPropertySources().addLast(new MapPropertySource(SANDBOX_SOURCE, generated));
  }

  private static String token(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
