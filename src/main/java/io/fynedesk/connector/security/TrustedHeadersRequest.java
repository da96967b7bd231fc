package io.fynedesk.connector.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A request whose {@code X-Connector-*} headers are exactly the ones the security layer set. */
final class TrustedHeadersRequest extends HttpServletRequestWrapper {

  private final Map<String, String> trusted = new LinkedHashMap<>();

  TrustedHeadersRequest(HttpServletRequest request, Map<String, String> trusted) {
    super(request);
    trusted.forEach((k, v) -> this.trusted.put(k.toLowerCase(Locale.ROOT), v));
  }

  private static boolean owned(String name) {
    return name.toLowerCase(Locale.ROOT).startsWith(AdminHeaders.PREFIX);
  }

  @Override
  public String getHeader(String name) {
    if (owned(name)) {
      return trusted.get(name.toLowerCase(Locale.ROOT));
    }
    return super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    if (owned(name)) {
      String value = trusted.get(name.toLowerCase(Locale.ROOT));
      return value == null
          ? Collections.emptyEnumeration()
          : Collections.enumeration(List.of(value));
    }
    return super.getHeaders(name);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    List<String> names = new ArrayList<>();
    for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
      String name = e.nextElement();
      if (!owned(name)) {
        names.add(name);
      }
    }
    names.addAll(trusted.keySet());
    return Collections.enumeration(names);
  }
}
