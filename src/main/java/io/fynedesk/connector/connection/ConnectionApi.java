package io.fynedesk.connector.connection;

import io.fynedesk.connector.failures.FailureRepository;
import io.fynedesk.connector.security.AdminHeaders;
import io.fynedesk.connector.support.JsonBodies;
import io.fynedesk.connector.support.Reply;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** Admin API operations on the caller's own connection (CONTRACT §4); routes call these by name. */
@Component("connectionApi")
public class ConnectionApi {

  private static final long MAX_BODY = 256 * 1024;

  private final ConnectionService service;
  private final FailureRepository failures;
  private final JsonBodies bodies;

  ConnectionApi(ConnectionService service, FailureRepository failures, JsonBodies bodies) {
    this.service = service;
    this.failures = failures;
    this.bodies = bodies;
  }

  public Reply get(@Header(AdminHeaders.ORG) String org) {
    return Reply.ok(service.view(org));
  }

  public Reply patchSettings(@Header(AdminHeaders.ORG) String org, @Body byte[] body,
      @Header("Content-Type") String contentType) {
    return Reply.ok(service.patchSettings(org, bodies.object(body, contentType, MAX_BODY), null));
  }

  public Reply delete(@Header(AdminHeaders.ORG) String org) {
    service.disconnect(org);
    return Reply.noContent();
  }

  public Reply failures(@Header(AdminHeaders.ORG) String org) {
    return Reply.ok(Map.of("items", failures.open(org)));
  }

  public Reply retryFailure(@Header(AdminHeaders.ORG) String org, @Header("id") String id) {
    service.retryFailure(org, id);
    return Reply.json(202, Map.of("id", id, "status", "retrying"));
  }
}
