package io.fynedesk.connector.web;

import java.util.Arrays;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Errors raised before a controller runs answer problem+json too: Tomcat's own refusals through
 * {@link ProblemReportValve} in place of its HTML error report.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrors {

  /**
   * Puts {@link ProblemReportValve} on the host in place of Tomcat's {@code ErrorReportValve}: the
   * host adds its error report valve at start only when none of that class is in its pipeline.
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReport(
      ObjectProvider<ProblemWriter> problems) {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                if (Arrays.stream(host.getPipeline().getValves())
                    .noneMatch(ProblemReportValve.class::isInstance)) {
                  host.getPipeline().addValve(new ProblemReportValve(problems));
                }
              }
            });
  }
}
