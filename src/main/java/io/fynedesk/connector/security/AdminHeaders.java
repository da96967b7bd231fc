package io.fynedesk.connector.security;

/**
 * Request headers the security layer sets from the verified JWT, for routes to read. Any
 * client-supplied header of the same name is removed first, so routes can trust them.
 */
public final class AdminHeaders {

  /** The caller's organization id, from the JWT {@code org} claim. */
  public static final String ORG = "X-Connector-Org";

  /** The caller's role, from the JWT {@code role} claim. */
  public static final String ROLE = "X-Connector-Role";

  /** The caller's user id, from the JWT {@code sub} claim. */
  public static final String SUBJECT = "X-Connector-Subject";

  /** Prefix of every header the security layer owns. */
  public static final String PREFIX = "x-connector-";

  private AdminHeaders() {}
}
