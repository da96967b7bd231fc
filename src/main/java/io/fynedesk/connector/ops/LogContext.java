package io.fynedesk.connector.ops;

import java.util.List;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Puts {@code route}, {@code org} and {@code eventId} into the logging MDC around every step of
 * every route, so each log line (JSON outside the sandbox and tests) says which route, org and
 * event it is about. Org and event come from the first message header present among {@code
 * connector.logging.mdc.org-headers} / {@code event-headers}: the inbox, webhook and admin routes
 * set those, and this platform class names no feature. The previous values are restored after each
 * step, so pooled threads carry nothing into unrelated work.
 */
@Component
public class LogContext implements InterceptStrategy {

  /** MDC keys. */
  public static final String ROUTE = "route";

  public static final String ORG = "org";
  public static final String EVENT_ID = "eventId";

  private final List<String> orgHeaders;
  private final List<String> eventHeaders;

  LogContext(
      @Value("${connector.logging.mdc.org-headers:InboxOrgId,WebhookOrgId,X-Connector-Org}")
          List<String> orgHeaders,
      @Value("${connector.logging.mdc.event-headers:InboxEventId,WebhookEventId}")
          List<String> eventHeaders) {
    this.orgHeaders = List.copyOf(orgHeaders);
    this.eventHeaders = List.copyOf(eventHeaders);
  }

  @Override
  public Processor wrapProcessorInInterceptors(
      CamelContext context, NamedNode definition, Processor target, Processor nextTarget) {
    return new DelegateAsyncProcessor(target) {
      @Override
      public boolean process(Exchange exchange, AsyncCallback callback) {
        String route = MDC.get(ROUTE);
        String org = MDC.get(ORG);
        String event = MDC.get(EVENT_ID);
        put(ROUTE, routeId(exchange));
        put(ORG, first(exchange, orgHeaders));
        put(EVENT_ID, first(exchange, eventHeaders));
        try {
          return processor.process(exchange, callback);
        } finally {
          put(ROUTE, route);
          put(ORG, org);
          put(EVENT_ID, event);
        }
      }
    };
  }

  private static String routeId(Exchange exchange) {
    UnitOfWork uow = exchange.getUnitOfWork();
    Route route = uow == null ? null : uow.getRoute();
    return route != null ? route.getRouteId() : exchange.getFromRouteId();
  }

  private static String first(Exchange exchange, List<String> headers) {
    for (String h : headers) {
      Object v = exchange.getMessage().getHeader(h);
      if (v != null) {
        return v.toString();
      }
    }
    return null;
  }

  private static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
