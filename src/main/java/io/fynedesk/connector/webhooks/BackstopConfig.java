package io.fynedesk.connector.webhooks;

import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesFunction;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets routes read a Spring duration property ({@code 5m}, {@code 30s}) as milliseconds, e.g. the
 * backstop's Quartz trigger: {@code {{millis:connector.backstop.interval}}}.
 */
@Configuration
class BackstopConfig {

  @Bean
  CamelContextConfiguration millisPropertiesFunction() {
    return new CamelContextConfiguration() {
      @Override
      public void beforeApplicationStart(CamelContext context) {
        context
            .getPropertiesComponent()
            .addPropertiesFunction(
                new PropertiesFunction() {
                  @Override
                  public String getName() {
                    return "millis";
                  }

                  @Override
                  public String apply(String remainder) {
                    String value =
                        context
                            .getPropertiesComponent()
                            .resolveProperty(remainder)
                            .orElseThrow(
                                () -> new IllegalArgumentException("no property " + remainder));
                    Duration d = DurationStyle.detectAndParse(value);
                    return String.valueOf(d.toMillis());
                  }
                });
      }

      @Override
      public void afterApplicationStart(CamelContext context) {}
    };
  }
}
