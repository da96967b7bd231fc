package io.fynedesk.connector.notion;

/** Notion answered 401: the token was revoked or is invalid; the connection needs a reconnect. */
public class NotionUnauthorizedException extends NotionApiException {

  public NotionUnauthorizedException(String code, String message, String requestId) {
    super(401, code, message, requestId, false, null);
  }

  @Override
  public boolean unauthorized() {
    return true;
  }
}
