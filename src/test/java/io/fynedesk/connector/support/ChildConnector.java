package io.fynedesk.connector.support;

import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.ConnectorApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The connector in a child JVM (test classpath, its own working directory), so a test can kill it
 * with SIGKILL and start it again on the same embedded database: a real crash and restart.
 */
public final class ChildConnector implements AutoCloseable {

  /** Secrets shared by every start, so a restarted instance can read what the first one stored. */
  public static final Map<String, String> SECRETS =
      Map.of(
          "FYNEDESK_EVENTS_SECRET", "child-events-secret",
          "CONNECTOR_SECURITY_JWT_SECRET", "child-test-jwt-secret-32-bytes-long!!",
          "CONNECTOR_SECURITY_ENCRYPTION_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
          "CONNECTOR_OPERATOR_PASSWORD", "op");

  private final Process process;
  public final int port;
  public final Http http;

  private ChildConnector(Process process, int port) {
    this.process = process;
    this.port = port;
    this.http = new Http("http://127.0.0.1:" + port);
  }

  /**
   * Starts the connector in {@code workDir} with these extra environment variables; waits for
   * readiness.
   */
  public static ChildConnector start(Path workDir, Map<String, String> env) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                ConnectorApplication.class.getName(),
                "--server.port=" + port));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(workDir.resolve("connector.log").toFile()));
    pb.environment().putAll(SECRETS);
    pb.environment().put("FYNEDESK_API_BASE_URL", "http://127.0.0.1:1");
    pb.environment().put("FYNEDESK_API_TOKEN", "t");
    pb.environment().putAll(env);
    ChildConnector child = new ChildConnector(pb.start(), port);
    await()
        .atMost(Duration.ofSeconds(120))
        .ignoreExceptions()
        .until(() -> child.http.get("/actuator/health/readiness", null).status() == 200);
    return child;
  }

  /** Process id of the child (its inbox claims carry it). */
  public long pid() {
    return process.pid();
  }

  /** SIGSTOP: the child stops dead (claims nothing, answers nothing) until {@link #resume()}. */
  public void suspend() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-STOP", String.valueOf(process.pid())).start().waitFor();
  }

  /** SIGCONT after {@link #suspend()}. */
  public void resume() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-CONT", String.valueOf(process.pid())).start().waitFor();
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
