package io.fynedesk.connector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fynedesk.connector.AbstractConnectorIT;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The processor MBeans (Hawtio's per-step counts) share one set of attribute and operation infos
 * per class, and still count each their own exchanges.
 */
class SharedMBeanInfoIT extends AbstractConnectorIT {

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @Autowired CamelContext camel;

  private List<ObjectName> beanProcessorsOf(String routeId) throws Exception {
    return server
        .queryNames(
            new ObjectName(
                "org.apache.camel:context=" + camel.getManagementName() + ",type=processors,*"),
            null)
        .stream()
        .filter(n -> routeId.equals(attribute(n, "RouteId")))
        .filter(n -> "bean".equals(attribute(n, "ProcessorName")))
        .sorted((a, b) -> a.toString().compareTo(b.toString()))
        .toList();
  }

  private Object attribute(ObjectName name, String attribute) {
    try {
      return server.getAttribute(name, attribute);
    } catch (Exception e) {
      throw new IllegalStateException(name + " " + attribute, e);
    }
  }

  @Test
  void processorMBeansOfOneClassShareTheirInfos() throws Exception {
    ObjectName intake = beanProcessorsOf("events-intake").get(0);
    ObjectName inbox = beanProcessorsOf("inbox-work").get(0);
    MBeanInfo a = server.getMBeanInfo(intake);
    MBeanInfo b = server.getMBeanInfo(inbox);
    assertThat(a.getClassName()).isEqualTo(b.getClassName());
    assertThat(a.getOperations()).hasSameSizeAs(b.getOperations()).isNotEmpty();
    for (int i = 0; i < a.getOperations().length; i++) {
      assertThat(a.getOperations()[i]).isSameAs(b.getOperations()[i]);
    }
    for (int i = 0; i < a.getAttributes().length; i++) {
      assertThat(a.getAttributes()[i]).isSameAs(b.getAttributes()[i]);
    }
  }

  @Test
  void eachProcessorMBeanStillCountsItsOwnExchanges() throws Exception {
    List<ObjectName> intake = beanProcessorsOf("events-intake");
    ObjectName verify =
        intake.stream()
            .filter(n -> "accept".equals(attribute(n, "Method")))
            .findFirst()
            .orElseThrow();
    ObjectName reply =
        intake.stream()
            .filter(n -> "write".equals(attribute(n, "Method")))
            .findFirst()
            .orElseThrow();
    long verifyBefore = (Long) attribute(verify, "ExchangesTotal");
    long replyBefore = (Long) attribute(reply, "ExchangesTotal");
    for (int i = 0; i < 3; i++) {
      // Unsigned: the intake's first bean refuses it, the reply bean never runs.
      assertThat(
              http()
                  .send(
                      "POST",
                      "/api/v1/events",
                      "{}".getBytes(StandardCharsets.UTF_8),
                      Map.of("Content-Type", "application/json"))
                  .status())
          .isEqualTo(401);
    }
    assertThat((Long) attribute(verify, "ExchangesTotal")).isEqualTo(verifyBefore + 3);
    assertThat((Long) attribute(reply, "ExchangesTotal")).isEqualTo(replyBefore);
    String stats =
        (String)
            server.invoke(
                new ObjectName(
                    "org.apache.camel:context="
                        + camel.getManagementName()
                        + ",type=routes,name=\"events-intake\""),
                "dumpRouteStatsAsXml",
                new Object[] {false, true},
                new String[] {"boolean", "boolean"});
    assertThat(stats).contains("<processorStat id=\"" + attribute(verify, "ProcessorId") + "\"");
  }
}
