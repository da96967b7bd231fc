package io.fynedesk.connector.page;

import io.fynedesk.connector.security.StatelessChains;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The filter chain of the connection page's files ({@code /ui/notion/**}): anonymous, since a frame
 * cannot send a bearer token with its first request (the page then sends the admin's JWT on every
 * API call, and the API chain checks it), with the page's Content-Security-Policy and framing
 * allowed to FyneDesk instead of Spring Security's {@code X-Frame-Options: DENY}.
 */
@Configuration
public class PageSecurity {

  /** The page and its files. */
  static final String[] PATHS = {"/ui/notion", "/ui/notion/**"};

  @Bean
  @Order(0)
  SecurityFilterChain connectionPageChain(
      HttpSecurity http,
      PageProperties props,
      @Value("${fynedesk.settings-url:}") String settingsUrl)
      throws Exception {
    String policy = ContentSecurityPolicy.header(settingsUrl, props.frameAncestors());
    StatelessChains.stateless(http.securityMatcher(PATHS))
        .anonymous(a -> {})
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .headers(
            h ->
                h.frameOptions(f -> f.disable())
                    .contentSecurityPolicy(c -> c.policyDirectives(policy))
                    .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)));
    return http.build();
  }
}
