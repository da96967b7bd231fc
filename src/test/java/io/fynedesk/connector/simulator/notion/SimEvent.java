package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A change that Notion would announce by webhook; merged per type and entity before delivery. */
record SimEvent(
    String type,
    String workspaceId,
    String entityId,
    String entityType,
    String authorId,
    String authorType,
    ObjectNode parent,
    List<String> updatedProperties,
    List<String> updatedBlocks) {}
