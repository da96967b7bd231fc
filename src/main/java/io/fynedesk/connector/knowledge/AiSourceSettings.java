package io.fynedesk.connector.knowledge;

import java.util.List;

/**
 * The {@code aiSource} settings section, typed and immutable.
 *
 * @param enabled whether the org's Notion pages feed the AI knowledge source
 * @param sources the Notion pages or data sources it reads
 */
public record AiSourceSettings(boolean enabled, List<String> sources) {}
