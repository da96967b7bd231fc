package io.fynedesk.connector.connection;

import io.fynedesk.connector.ConnectorProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Encrypts Notion tokens at rest with AES-256-GCM under {@code connector.security.encryption-key}.
 * Stored form: {@code v1:} + base64(12-byte IV ‖ ciphertext ‖ tag); the org id is bound as AAD so a
 * ciphertext copied to another org's row does not decrypt.
 */
@Component
public class TokenVault {

  private static final String VERSION = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  @Autowired
  public TokenVault(ConnectorProperties props) {
    this(props.security().encryptionKey());
  }

  TokenVault(String base64Key) {
    if (base64Key == null || base64Key.isBlank()) {
      throw new IllegalStateException(
          "Missing required property connector.security.encryption-key");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64Key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("connector.security.encryption-key must be base64", e);
    }
    if (raw.length != 32) {
      throw new IllegalStateException(
          "connector.security.encryption-key must be 256 bits (32 bytes base64)");
    }
    this.key = new SecretKeySpec(raw, "AES");
  }

  /** Encrypts a secret for one org; null stays null. */
  public String encrypt(String orgId, String plaintext) {
    if (plaintext == null) {
      return null;
    }
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(orgId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return VERSION
          + Base64.getEncoder()
              .encodeToString(
                  ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Token encryption failed", e);
    }
  }

  /**
   * {@link #decrypt}, empty when the stored value is null or cannot be decrypted (another
   * encryption key made it, or the row was altered): for callers that can go on without it.
   */
  public Optional<String> tryDecrypt(String orgId, String stored) {
    try {
      return Optional.ofNullable(decrypt(orgId, stored));
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** Decrypts what {@link #encrypt} produced for the same org; null stays null. */
  public String decrypt(String orgId, String stored) {
    if (stored == null) {
      return null;
    }
    if (!stored.startsWith(VERSION)) {
      throw new IllegalStateException("Unknown token format");
    }
    try {
      byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      cipher.updateAAD(orgId.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Token decryption failed (wrong key or tampered row)", e);
    }
  }

  /**
   * An HMAC-SHA256 signature (base64url) of {@code data} under a key derived from the encryption
   * key for one {@code purpose}, so a signature made for one purpose proves nothing for another.
   */
  public String sign(String purpose, String data) {
    try {
      Mac derive = Mac.getInstance("HmacSHA256");
      derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      byte[] purposeKey = derive.doFinal(("sign:" + purpose).getBytes(StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(purposeKey, "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Signing failed", e);
    }
  }

  /** Whether {@code signature} is {@link #sign}'s for the same purpose and data (constant time). */
  public boolean verify(String purpose, String data, String signature) {
    if (signature == null) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(purpose, data).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }
}
