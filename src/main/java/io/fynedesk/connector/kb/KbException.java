package io.fynedesk.connector.kb;

import io.fynedesk.connector.web.ApiError;

/** KB work that cannot proceed now (another worker holds the article) or at all (not set up). */
public class KbException extends RuntimeException implements ApiError {

  private final String code;
  private final boolean retryable;

  KbException(String code, String message, boolean retryable) {
    super(message);
    this.code = code;
    this.retryable = retryable;
  }

  /** Another worker syncs this article or page right now: try again after a moment. */
  static KbException busy(String subject) {
    return new KbException("in_progress", subject + " is being synced by another worker", true);
  }

  /** Publishing needs {@code kbSync.publishParentPageId}: the admin must set it, then replay. */
  static KbException noParent() {
    return new KbException("not_configured", "kbSync.publishParentPageId is not set", false);
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }

  @Override
  public boolean unauthorized() {
    return false;
  }
}
