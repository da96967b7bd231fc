package io.fynedesk.connector.security;

import io.fynedesk.connector.web.Problem;
import io.fynedesk.connector.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the contract's claim checks after the JWT is verified (role admin, then plan pro) and
 * hands the org id to routes in trusted headers. Runs for every request so that client-supplied
 * {@code X-Connector-*} headers never reach a route.
 */
final class AdminClaimsFilter extends OncePerRequestFilter {

  private final ProblemWriter problems;

  AdminClaimsFilter(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String query = request.getQueryString();
    if (query != null && query.toLowerCase(Locale.ROOT).contains(AdminHeaders.PREFIX)) {
      // Camel maps query parameters to headers too: never let one pose as a trusted header.
      problems.write(response, Problem.of(400, "malformed", "Reserved query parameter."));
      return;
    }
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (!(auth instanceof JwtAuthenticationToken token)) {
      chain.doFilter(new TrustedHeadersRequest(request, Map.of()), response);
      return;
    }
    Jwt jwt = token.getToken();
    String org = jwt.getClaimAsString("org");
    if (org == null || org.isBlank()) {
      problems.write(response, Problem.of(401, "unauthorized", "The token carries no org claim."));
      return;
    }
    String role = String.valueOf(jwt.getClaimAsString("role"));
    if (!"admin".equals(role) && !anyRoleAllowed(request)) {
      problems.write(
          response, Problem.of(403, "admin_required", "Only an organization admin may do this."));
      return;
    }
    if (!"pro".equals(jwt.getClaimAsString("plan"))) {
      problems.write(
          response,
          Problem.of(403, "pro_plan_required", "The Notion connection requires the Pro plan."));
      return;
    }
    Map<String, String> trusted =
        Map.of(
            AdminHeaders.ORG, org,
            AdminHeaders.ROLE, role,
            AdminHeaders.SUBJECT, String.valueOf(jwt.getSubject()));
    chain.doFilter(new TrustedHeadersRequest(request, trusted), response);
  }

  /** The dataset search accepts any role of a Pro org (CONTRACT §4). */
  private static boolean anyRoleAllowed(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return "POST".equals(request.getMethod()) && path.matches("/api/v1/dataset/[^/]+/search");
  }
}
