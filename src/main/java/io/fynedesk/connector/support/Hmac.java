package io.fynedesk.connector.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures in the {@code sha256=<hex>} form used by FyneDesk events and Notion
 * webhooks.
 */
public final class Hmac {

  private static final String PREFIX = "sha256=";

  private Hmac() {}

  /** Signs raw bytes with a UTF-8 key, returning {@code sha256=<lowercase hex>}. */
  public static String sign(String key, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(mac(key, body));
  }

  /** Verifies a {@code sha256=<hex>} header against the raw bytes, in constant time. */
  public static boolean verify(String key, byte[] body, String header) {
    if (key == null || key.isEmpty() || header == null || !header.startsWith(PREFIX)) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim().toLowerCase());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(key, body), given);
  }

  private static byte[] mac(String key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
