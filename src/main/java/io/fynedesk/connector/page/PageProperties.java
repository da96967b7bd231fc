package io.fynedesk.connector.page;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the connection page that FyneDesk embeds (Settings → Connections → Notion).
 *
 * @param frameAncestors origins (scheme://host[:port]) allowed to embed the page in a frame,
 *     besides the connector itself and the origin of {@code fynedesk.settings-url}.
 */
@ConfigurationProperties(prefix = "connector.page")
public record PageProperties(List<String> frameAncestors) {

  public PageProperties {
    frameAncestors = frameAncestors == null ? List.of() : List.copyOf(frameAncestors);
  }
}
