package io.fynedesk.connector.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/** Mints admin JWTs the way FyneDesk's settings page would, for tests. */
public final class TestJwt {

  /** The HS256 secret of application-test.yaml. */
  public static final String SECRET = "test-jwt-secret-that-is-at-least-32-bytes-long";

  private TestJwt() {}

  public static String admin(String org) {
    return token(SECRET, org, "admin", "pro", Instant.now().plusSeconds(600));
  }

  public static String agent(String org) {
    return token(SECRET, org, "agent", "pro", Instant.now().plusSeconds(600));
  }

  public static String basicPlanAdmin(String org) {
    return token(SECRET, org, "admin", "basic", Instant.now().plusSeconds(600));
  }

  public static String token(String secret, String org, String role, String plan, Instant exp) {
    return token(secret, "user-" + org, org, role, plan, exp);
  }

  /** A token with this {@code sub} ({@code null}: none). */
  public static String token(
      String secret, String sub, String org, String role, String plan, Instant exp) {
    try {
      JWTClaimsSet.Builder claims =
          new JWTClaimsSet.Builder()
              .subject(sub)
              .claim("org", org)
              .claim("role", role)
              .claim("plan", plan);
      if (exp != null) {
        claims.expirationTime(Date.from(exp));
      }
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
