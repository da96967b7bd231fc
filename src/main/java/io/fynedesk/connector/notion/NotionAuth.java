package io.fynedesk.connector.notion;

/**
 * Credentials of one Notion connection for one call.
 *
 * @param connectionKey the FyneDesk organization id; the request budget and the 429 gate are kept
 *     per key.
 * @param token the bearer token (OAuth access token or internal integration token); never logged.
 */
public record NotionAuth(String connectionKey, String token) {

  public NotionAuth {
    if (connectionKey == null || connectionKey.isBlank()) {
      throw new IllegalArgumentException("connectionKey is required");
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token is required");
    }
  }

  @Override
  public String toString() {
    return "NotionAuth[connectionKey=" + connectionKey + ", token=***]";
  }
}
