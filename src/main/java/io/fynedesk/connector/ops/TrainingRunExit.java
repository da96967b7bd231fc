package io.fynedesk.connector.ops;

import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The image build's training run ({@code connector.training-run.exit-when-ready=true}): once the
 * connector is ready (every bean, Flyway, Camel and its routes started, Tomcat listening: what
 * {@code /actuator/health/readiness} reports), it closes the context and exits the JVM with 0,
 * which then writes its AOT cache ({@code -XX:AOTCacheOutput}). Unlike Spring's {@code
 * spring.context.exit=onRefresh}, which exits before any lifecycle bean starts, the cache then
 * holds what the start really loads: Camel's route building and YAML DSL, Tomcat, the actuator.
 */
@Component
@ConditionalOnProperty(name = "connector.training-run.exit-when-ready", havingValue = "true")
public class TrainingRunExit implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingRunExit.class);

  private final IntConsumer exit;

  @Autowired
  public TrainingRunExit() {
    this(System::exit);
  }

  TrainingRunExit(IntConsumer exit) {
    this.exit = exit;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    ConfigurableApplicationContext context = event.getApplicationContext();
    LOG.info("Training run: the connector is ready; closing it and exiting");
    exit.accept(SpringApplication.exit(context));
  }
}
