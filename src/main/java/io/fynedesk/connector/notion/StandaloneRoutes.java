package io.fynedesk.connector.notion;

import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * A small Camel context running one packaged routes file, for clients built without Spring (tests,
 * tools): the same routes and http component as in the service, with the given beans bound.
 */
public final class StandaloneRoutes {

  private StandaloneRoutes() {}

  /**
   * Starts a context with {@code classpath:routes/<file>}, the properties its placeholders need and
   * the beans its steps call; the http component gets the given timeouts (ms).
   */
  public static CamelContext start(
      String file,
      Map<String, String> properties,
      Map<String, Object> beans,
      long connectTimeoutMs,
      long responseTimeoutMs) {
    try {
      CamelContext context = new DefaultCamelContext();
      Properties initial = new Properties();
      initial.putAll(properties);
      context.getPropertiesComponent().setInitialProperties(initial);
      beans.forEach(context.getRegistry()::bind);
      HttpComponent http = new HttpComponent();
      http.setConnectTimeout(connectTimeoutMs);
      http.setResponseTimeout(responseTimeoutMs);
      // Retries are the routes' decision (which methods, Retry-After), never the client's.
      http.setAutomaticRetriesDisabled(true);
      context.addComponent("http", http);
      context.addComponent("https", http);
      PluginHelper.getRoutesLoader(context)
          .loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/" + file));
      context.start();
      return context;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start routes/" + file, e);
    }
  }
}
