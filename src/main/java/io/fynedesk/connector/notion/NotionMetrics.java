package io.fynedesk.connector.notion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

/**
 * Meters of every request to Notion, taken where it leaves: the {@code http} step of the {@code
 * notion-request} route (a Camel event notifier on its sent events, so the transport's code stays
 * as it is). {@code connector.notion.requests} (timer) by method, status ({@code network} when no
 * answer came) and lane ({@code urgent}/{@code bulk}); {@code connector.notion.rate.limited} counts
 * 429/529 answers by lane; {@code connector.notion.budget.wait} (timer) is how long the call waited
 * for its connection's budget and {@code Retry-After} gate before it was sent.
 */
@Component
public class NotionMetrics extends EventNotifierSupport {

  private final MeterRegistry registry;
  private final Map<String, Timer> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> rateLimited = new ConcurrentHashMap<>();
  private final Map<String, Timer> budgetWait = new ConcurrentHashMap<>();

  NotionMetrics(MeterRegistry registry) {
    this.registry = registry;
    setIgnoreCamelContextEvents(true);
    setIgnoreCamelContextInitEvents(true);
    setIgnoreRouteEvents(true);
    setIgnoreServiceEvents(true);
    setIgnoreStepEvents(true);
    setIgnoreExchangeCreatedEvent(true);
    setIgnoreExchangeCompletedEvent(true);
    setIgnoreExchangeFailedEvents(true);
    setIgnoreExchangeRedeliveryEvents(true);
    // Camel times a send (and reports it as sent) only when a notifier takes its sending event.
    setIgnoreExchangeSendingEvents(false);
    setIgnoreExchangeAsyncProcessingStartedEvents(true);
    // Registered at zero, so dashboards and alerts see the series before the first 429.
    for (Priority lane : Priority.values()) {
      rateLimitedCounter(lane(lane));
      budgetWaitTimer(lane(lane));
    }
  }

  @Override
  public boolean isEnabled(CamelEvent event) {
    if (event instanceof ExchangeSendingEvent sending) {
      return isNotionCall(sending.getExchange(), sending.getEndpoint());
    }
    return event instanceof ExchangeSentEvent sent
        && isNotionCall(sent.getExchange(), sent.getEndpoint());
  }

  private static boolean isNotionCall(Exchange exchange, Endpoint endpoint) {
    return exchange.getProperty(NotionTransport.METHOD) != null
        && endpoint.getEndpointUri().startsWith("http");
  }

  @Override
  public void notify(CamelEvent event) {
    if (!(event instanceof ExchangeSentEvent sent)) {
      return;
    }
    Exchange exchange = sent.getExchange();
    String method = exchange.getProperty(NotionTransport.METHOD, String.class);
    String lane =
        lane(exchange.getProperty(NotionTransport.PRIORITY, Priority.BULK, Priority.class));
    Integer code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    String status = exchange.getException() != null || code == null ? "network" : code.toString();
    requestTimer(method, status, lane).record(sent.getTimeTaken(), TimeUnit.MILLISECONDS);
    if ("429".equals(status) || "529".equals(status)) {
      rateLimitedCounter(lane).increment();
    }
    Long waited = exchange.getProperty(NotionTransport.BUDGET_WAIT_NANOS, Long.class);
    if (waited != null) {
      budgetWaitTimer(lane).record(waited, TimeUnit.NANOSECONDS);
    }
  }

  private Timer requestTimer(String method, String status, String lane) {
    return requests.computeIfAbsent(
        method + '|' + status + '|' + lane,
        k ->
            Timer.builder("connector.notion.requests")
                .description("Requests sent to Notion, by method, answer status and lane")
                .tag("method", method)
                .tag("status", status)
                .tag("lane", lane)
                .register(registry));
  }

  private Counter rateLimitedCounter(String lane) {
    return rateLimited.computeIfAbsent(
        lane,
        l ->
            Counter.builder("connector.notion.rate.limited")
                .description("Notion answers 429/529 (rate limited), by lane")
                .tag("lane", l)
                .register(registry));
  }

  private Timer budgetWaitTimer(String lane) {
    return budgetWait.computeIfAbsent(
        lane,
        l ->
            Timer.builder("connector.notion.budget.wait")
                .description("Time a Notion call waited for its connection's budget and gate")
                .tag("lane", l)
                .register(registry));
  }

  private static String lane(Priority priority) {
    return priority.name().toLowerCase(Locale.ROOT);
  }
}
