package io.fynedesk.connector.support;

import io.fynedesk.connector.simulator.fynedesk.FyneDeskSimulator;
import io.fynedesk.connector.simulator.notion.NotionSimulator;

/**
 * The Notion and FyneDesk simulators shared by every Spring test of one JVM (real HTTP, random
 * ports).
 */
public final class Simulators {

  private static NotionSimulator notion;
  private static FyneDeskSimulator fynedesk;

  private Simulators() {}

  public static synchronized NotionSimulator notion() {
    if (notion == null) {
      notion = NotionSimulator.start();
    }
    return notion;
  }

  public static synchronized FyneDeskSimulator fynedesk() {
    if (fynedesk == null) {
      fynedesk = FyneDeskSimulator.start();
    }
    return fynedesk;
  }
}
