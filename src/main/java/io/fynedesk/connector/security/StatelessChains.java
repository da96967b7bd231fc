package io.fynedesk.connector.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;

/** What every chain for API callers (not browsers with a login) starts from. */
public final class StatelessChains {

  private StatelessChains() {}

  /** No session, CSRF token, HTTP Basic, login form, logout or request cache. */
  public static HttpSecurity stateless(HttpSecurity http) throws Exception {
    return http.csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(r -> r.disable());
  }
}
