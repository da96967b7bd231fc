package io.fynedesk.connector.simulator.fynedesk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where the simulated APIs report the event a write causes; the simulator decides whether to emit
 * it.
 */
@FunctionalInterface
interface ApiEvents {

  void written(String org, String type, JsonNode data, String origin);
}
