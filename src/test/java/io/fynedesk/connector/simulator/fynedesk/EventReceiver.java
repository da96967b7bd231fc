package io.fynedesk.connector.simulator.fynedesk;

import com.sun.net.httpserver.HttpServer;
import io.fynedesk.connector.fynedesk.FyneDeskHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the connector's {@code POST /api/v1/events}: records what arrives, answers
 * scripted statuses.
 */
final class EventReceiver implements AutoCloseable {

  /** One received post: raw body and signature header. */
  record Received(byte[] body, String signature) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Queue<Integer> scripted = new ConcurrentLinkedQueue<>();

  EventReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/api/v1/events",
        exchange -> {
          try (exchange) {
            received.add(
                new Received(
                    exchange.getRequestBody().readAllBytes(),
                    exchange.getRequestHeaders().getFirst(FyneDeskHeaders.SIGNATURE)));
            Integer status = scripted.poll();
            exchange.sendResponseHeaders(status == null ? 202 : status, -1);
          }
        });
    server.start();
  }

  /** The next answers, before falling back to 202. */
  EventReceiver answer(int... statuses) {
    for (int status : statuses) {
      scripted.add(status);
    }
    return this;
  }

  String url() {
    return "http://"
        + server.getAddress().getAddress().getHostAddress()
        + ":"
        + server.getAddress().getPort()
        + "/api/v1/events";
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
