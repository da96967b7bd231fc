package io.fynedesk.connector.fynedesk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A FyneDesk requester or assignee. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Person(String name, String email) {}
