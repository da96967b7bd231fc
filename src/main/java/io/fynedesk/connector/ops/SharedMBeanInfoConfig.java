package io.fynedesk.connector.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs {@link SharedMBeanInfoAssembler} before Camel registers its first MBean. */
@Configuration
class SharedMBeanInfoConfig {

  @Bean
  CamelContextConfiguration sharedMBeanInfo() {
    return new CamelContextConfiguration() {
      @Override
      public void beforeApplicationStart(CamelContext context) {
        context
            .getCamelContextExtension()
            .setManagementMBeanAssembler(new SharedMBeanInfoAssembler(context));
      }

      @Override
      public void afterApplicationStart(CamelContext context) {}
    };
  }
}
