package io.fynedesk.connector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.support.GenericApplicationContext;

class TrainingRunExitTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class))
          .withUserConfiguration(TrainingRunExit.class);

  @Test
  void anOrdinaryStartHasNoTrainingExit() {
    runner.run(context -> assertThat(context).doesNotHaveBean(TrainingRunExit.class));
    runner
        .withPropertyValues("connector.training-run.exit-when-ready=false")
        .run(context -> assertThat(context).doesNotHaveBean(TrainingRunExit.class));
  }

  @Test
  void aTrainingRunClosesTheReadyContextAndExitsWithZero() {
    runner
        .withPropertyValues("connector.training-run.exit-when-ready=true")
        .run(context -> assertThat(context).hasSingleBean(TrainingRunExit.class));

    List<Integer> codes = new ArrayList<>();
    TrainingRunExit training = new TrainingRunExit(codes::add);
    GenericApplicationContext context = new GenericApplicationContext();
    context.refresh();
    training.onApplicationEvent(
        new ApplicationReadyEvent(new SpringApplication(), new String[0], context, null));
    assertThat(context.isActive()).isFalse();
    assertThat(codes).containsExactly(0);
  }
}
