package io.fynedesk.connector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the FyneDesk ⇄ Notion connector. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConnectorApplication {

  public static void main(String[] args) {
    SpringApplication.run(ConnectorApplication.class, args);
  }
}
