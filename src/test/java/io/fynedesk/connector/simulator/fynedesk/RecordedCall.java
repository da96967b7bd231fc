package io.fynedesk.connector.simulator.fynedesk;

/**
 * One HTTP call the FyneDesk simulator answered.
 *
 * @param org value of {@code X-FyneDesk-Organization}, or null.
 * @param origin value of {@code X-FyneDesk-Origin}, or null.
 * @param body the request body as UTF-8 text, or {@code [N bytes of <type>]} for binary uploads.
 * @param status the status the simulator answered.
 */
public record RecordedCall(
    String method, String path, String org, String origin, String body, int status) {

  /** Whether this call was a write (anything but GET). */
  public boolean isWrite() {
    return !"GET".equals(method);
  }
}
