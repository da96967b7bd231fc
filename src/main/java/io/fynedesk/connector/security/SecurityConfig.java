package io.fynedesk.connector.security;

import io.fynedesk.connector.ConnectorProperties;
import io.fynedesk.connector.web.KnownRoutes;
import io.fynedesk.connector.web.Problem;
import io.fynedesk.connector.web.ProblemWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two stateless filter chains: operators (HTTP Basic) on {@code /actuator/**}, and the service
 * side, where admin calls carry an HS256 JWT and events/webhooks are verified by HMAC in routes.
 */
@Configuration
public class SecurityConfig {

  /** Role operators get; health endpoints stay anonymous for probes. */
  static final String OPERATOR_ROLE = "OPERATOR";

  @Bean
  @Order(1)
  SecurityFilterChain managementChain(HttpSecurity http, ProblemWriter problems) throws Exception {
    http.securityMatcher("/actuator/**")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .anyRequest()
                    .hasRole(OPERATOR_ROLE))
        .httpBasic(
            b ->
                b.authenticationEntryPoint(
                    (req, res, ex) -> {
                      res.setHeader("WWW-Authenticate", "Basic realm=\"notion-connector\"");
                      problems.write(
                          res, Problem.of(401, "unauthorized", "Operator login required."));
                    }))
        .exceptionHandling(
            e ->
                e.accessDeniedHandler(
                    (req, res, ex) ->
                        problems.write(
                            res, Problem.of(403, "admin_required", "Operator role required."))));
    return http.build();
  }

  /**
   * The signed entry points (FyneDesk events, Notion webhooks, the OAuth callback) authenticate in
   * their routes (HMAC over the raw body, a signed state), so their chain has no authentication or
   * authorization filter to run: only the security headers. Cheaper per request than the service
   * chain's bearer-token and admin-claim filters, which had nothing to find there.
   */
  @Bean
  @Order(2)
  SecurityFilterChain signedChain(HttpSecurity http) throws Exception {
    StatelessChains.stateless(
            http.securityMatcher("/api/v1/events", "/webhooks/notion", "/oauth/notion/callback"))
        .anonymous(a -> a.disable())
        .securityContext(c -> c.disable())
        .authorizeHttpRequests(a -> a.anyRequest().permitAll());
    return http.build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain serviceChain(HttpSecurity http, ProblemWriter problems, KnownRoutes routes)
      throws Exception {
    // No route serves the path: 404 not_found (CONTRACT Errors: "unknown routes too"), with or
    // without a token; a route that exists asks for one.
    AuthenticationEntryPoint noToken =
        (req, res, ex) ->
            problems.write(
                res,
                routes.serves(req.getRequestURI().substring(req.getContextPath().length()))
                    ? Problem.of(401, "unauthorized", "A valid bearer token is required.")
                    : Problem.of(404, "not_found", "No such route."));
    StatelessChains.stateless(http)
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/api/v1/events", "/webhooks/notion", "/oauth/notion/callback", "/error")
                    .permitAll()
                    .requestMatchers("/api/**")
                    .authenticated()
                    .anyRequest()
                    .permitAll())
        .oauth2ResourceServer(
            o ->
                o.jwt(j -> {})
                    .authenticationEntryPoint(noToken)
                    .accessDeniedHandler(
                        (req, res, ex) ->
                            problems.write(
                                res, Problem.of(403, "admin_required", "Access denied."))))
        .exceptionHandling(e -> e.authenticationEntryPoint(noToken))
        .addFilterAfter(new AdminClaimsFilter(problems), BearerTokenAuthenticationFilter.class);
    return http.build();
  }

  /**
   * Verifies admin JWTs: HS256 with the shared secret (or a JWK set), {@code exp} and {@code sub}
   * required, expired at {@code exp} (plus {@code connector.security.jwt.clock-skew}, 0 s).
   */
  @Bean
  JwtDecoder jwtDecoder(ConnectorProperties props) {
    ConnectorProperties.Jwt jwt = props.security().jwt();
    NimbusJwtDecoder decoder;
    if (jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()) {
      decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
    } else {
      String secret = Objects.requireNonNullElse(jwt.secret(), "");
      if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
        throw new IllegalStateException(
            "connector.security.jwt.secret must be at least 32 bytes (or set connector.security.jwt.jwk-set-uri)");
      }
      decoder =
          NimbusJwtDecoder.withSecretKey(
                  new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
              .macAlgorithm(MacAlgorithm.HS256)
              .build();
    }
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            new JwtTimestampValidator(jwt.clockSkew()),
            new JwtClaimValidator<Instant>("exp", Objects::nonNull),
            // CONTRACT §4 names sub among the required claims: the admin it acts for.
            new JwtClaimValidator<Object>(
                "sub", sub -> sub instanceof String text && !text.isBlank())));
    return decoder;
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /** The single operator account of the management side. */
  @Bean
  UserDetailsService operators(ConnectorProperties props, PasswordEncoder encoder) {
    ConnectorProperties.Operator op = props.operator();
    if (op.password() == null || op.password().isBlank()) {
      throw new IllegalStateException("Missing required property connector.operator.password");
    }
    return new InMemoryUserDetailsManager(
        User.withUsername(op.username())
            .password(encoder.encode(op.password()))
            .roles(OPERATOR_ROLE)
            .build());
  }
}
