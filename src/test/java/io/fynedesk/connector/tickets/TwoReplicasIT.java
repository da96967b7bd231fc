package io.fynedesk.connector.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.ConnectorApplication;
import io.fynedesk.connector.inbox.InboxRepository;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.support.TicketEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two connector instances (two Spring + Camel contexts, each with its inbox poller and workers) on
 * one database — H2, or PostgreSQL under .ci/run — hand a ticket off exactly once.
 */
class TwoReplicasIT extends HandoffFixture {

  @Autowired Environment env;

  @Autowired InboxRepository inbox;

  @Autowired JdbcTemplate jdbc;

  ConfigurableApplicationContext second;
  Http secondHttp;

  @BeforeEach
  void startSecondReplica() {
    setUpHandoff();
    List<String> props =
        new ArrayList<>(
            List.of(
                "spring.config.location=classpath:/",
                "server.port=0",
                "camel.main.jmx-enabled=false",
                "spring.jmx.enabled=false",
                "camel.main.name=notion-connector-2",
                "notion.api.base-url=" + Simulators.notion().baseUrl(),
                "fynedesk.api.base-url=" + Simulators.fynedesk().baseUrl(),
                "fynedesk.api.token=" + env.getProperty("fynedesk.api.token"),
                "spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                "spring.datasource.username=" + env.getProperty("spring.datasource.username", ""),
                "spring.datasource.password=" + env.getProperty("spring.datasource.password", "")));
    if (env.getProperty("spring.flyway.schemas") != null) {
      props.add("spring.flyway.schemas=" + env.getProperty("spring.flyway.schemas"));
    }
    // Command-line arguments outrank every config file, so this replica uses the same database.
    second =
        new SpringApplicationBuilder(ConnectorApplication.class)
            .profiles("test")
            .run(props.stream().map(p -> "--" + p).toArray(String[]::new));
    assertThat(second.getEnvironment().getProperty("spring.datasource.url"))
        .isEqualTo(env.getProperty("spring.datasource.url"));
    secondHttp =
        new Http("http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port"));
  }

  @AfterEach
  void stopSecondReplica() {
    if (second != null) {
      second.close();
    }
  }

  @Test
  void twoReplicasOnOneDatabaseCreateOnePagePerTicket() throws Exception {
    TicketEvents viaSecond = new TicketEvents(secondHttp);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Http.Answer>> answers = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    for (int t = 0; t < 5; t++) {
      String ticketId = "T-" + UUID.randomUUID();
      String subject = "Replicas " + ticketId;
      subjects.add(subject);
      String ticket = ticket(ticketId, subject, "high", "open", "bug");
      String created =
          TicketEvents.envelope("evt_" + UUID.randomUUID(), "ticket.created", org, ticket, null);
      for (int i = 0; i < 20; i++) {
        TicketEvents target = i % 2 == 0 ? events : viaSecond;
        answers.add(pool.submit(() -> target.post(created)));
      }
      answers.add(pool.submit(() -> viaSecond.post("ticket.escalated", org, ticket)));
      answers.add(
          pool.submit(
              () ->
                  events.post(
                      TicketEvents.envelope(
                              "evt_" + UUID.randomUUID(), "ticket.tagged", org, ticket, null)
                          .replace("\"data\":{", "\"data\":{\"tag\":\"bug\","))));
    }
    for (Future<Http.Answer> f : answers) {
      assertThat(f.get().status()).isIn(200, 202);
    }
    pool.shutdown();
    await().atMost(Duration.ofSeconds(60)).until(() -> inbox.countOpen(org) == 0);
    String outcomes =
        jdbc.queryForList("SELECT * FROM ticket_page_link WHERE org_id = ?", org).toString()
            + world.sim.calls("POST", "/v1/pages").stream()
                .filter(c -> c.token().equals(world.token))
                .map(
                    c -> c.status() + " " + c.body().substring(0, Math.min(300, c.body().length())))
                .toList();
    for (String subject : subjects) {
      assertThat(pagesTitled(subject)).as(outcomes).isEqualTo(1);
    }
    assertThat(
            world.sim.calls("POST", "/v1/pages").stream()
                .filter(c -> c.token().equals(world.token))
                .count())
        .isEqualTo(5);
  }
}
