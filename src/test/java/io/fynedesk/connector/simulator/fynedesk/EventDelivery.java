package io.fynedesk.connector.simulator.fynedesk;

/**
 * One attempt of the simulator to deliver an event to the connector.
 *
 * @param status the receiver's HTTP status, or {@link #NO_RESPONSE} when the connection failed.
 */
public record EventDelivery(String eventId, String type, int attempt, int status) {

  /** Status recorded when no HTTP answer was received. */
  public static final int NO_RESPONSE = -1;

  /** Whether the receiver accepted the event (2xx). */
  public boolean delivered() {
    return status / 100 == 2;
  }
}
