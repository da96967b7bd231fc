package io.fynedesk.connector.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.kb.KbSyncSection;
import io.fynedesk.connector.kb.KbSyncSettings;
import io.fynedesk.connector.knowledge.AiSourceSection;
import io.fynedesk.connector.status.StatusSyncSection;
import io.fynedesk.connector.status.StatusSyncSettings;
import io.fynedesk.connector.tickets.HandoffSection;
import io.fynedesk.connector.tickets.HandoffSettings;
import io.fynedesk.connector.web.Problem.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsPolicyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SettingsPolicy policy =
      new SettingsPolicy(
          List.of(
              new HandoffSection(null),
              new KbSyncSection(),
              new AiSourceSection(),
              new StatusSyncSection()));

  @Test
  void defaultsAreTheContractsDocumentWithEveryToggleOff() throws Exception {
    assertThat(policy.defaults())
        .isEqualTo(
            JSON.readTree(
                """
        { "enabled": false,
          "ticketHandoff": { "enabled": false, "dataSourceId": null, "triggers": ["created"], "tags": [],
                             "propertyMap": { "priority": "Priority", "status": "Status", "tags": "Tags" } },
          "kbSync": { "publishEnabled": false, "publishParentPageId": null,
                      "importEnabled": false, "importSources": [], "defaultOwner": "fynedesk" },
          "aiSource": { "enabled": false, "sources": [] },
          "statusSync": { "enabled": false, "property": "Status",
                          "map": { "Done": "solved", "Reopened": "action:reopen" } } }"""));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"colour\":\"red\"}                                          | colour",
        "{\"enabled\":\"yes\"}                                         | enabled",
        "{\"ticketHandoff\":[]}                                        | ticketHandoff",
        "{\"ticketHandoff\":{\"triggers\":[\"created\",\"deleted\"]}}  | ticketHandoff.triggers[1]",
        "{\"ticketHandoff\":{\"tags\":[\"a\",\"a\"]}}                  | ticketHandoff.tags[1]",
        "{\"ticketHandoff\":{\"propertyMap\":{\"mood\":\"Mood\"}}}     | ticketHandoff.propertyMap.mood",
        "{\"ticketHandoff\":{\"dataSourceId\":\"\"}}                   | ticketHandoff.dataSourceId",
        "{\"ticketHandoff\":{\"enabled\":true,\"extra\":1}}            | ticketHandoff.extra",
        "{\"statusSync\":{\"map\":{\"Done\":\"action:explode\"}}}      | statusSync.map.Done",
        "{\"statusSync\":{\"property\":\"\"}}                          | statusSync.property",
        "{\"kbSync\":{\"defaultOwner\":\"both\"}}                      | kbSync.defaultOwner",
        "{\"kbSync\":{\"importSources\":[1]}}                          | kbSync.importSources[0]",
        "{\"aiSource\":{\"sources\":\"page\"}}                         | aiSource.sources",
      })
  void invalidPatchesNameTheField(String patch, String field) throws Exception {
    List<FieldError> errors = policy.validate(JSON.readTree(patch));

    assertThat(errors).extracting(FieldError::field).containsExactly(field);
  }

  @Test
  void aValidPatchHasNoErrors() throws Exception {
    assertThat(
            policy.validate(
                JSON.readTree(
                    """
        { "enabled": true, "ticketHandoff": { "triggers": ["created", "tagged"], "dataSourceId": null,
          "propertyMap": { "createdAt": "Opened" } }, "statusSync": { "map": { "Closed": "closed" } },
          "kbSync": { "defaultOwner": "notion" }, "aiSource": { "enabled": true, "sources": ["p1"] } }""")))
        .isEmpty();
  }

  @Test
  void aNonObjectPatchIsRefusedAtTheRoot() throws Exception {
    assertThat(policy.validate(JSON.readTree("[]")))
        .extracting(FieldError::field)
        .containsExactly("$");
  }

  @Test
  void objectsMergeWhileArraysAndMapsAreReplacedWhole() throws Exception {
    ObjectNode merged =
        policy.merge(
            policy.defaults(),
            JSON.readTree(
                """
        { "ticketHandoff": { "enabled": true, "triggers": ["tagged"], "propertyMap": { "status": "State" } },
          "statusSync": { "map": { "Closed": "closed" } } }"""));

    JsonNode handoff = merged.path("ticketHandoff");
    assertThat(handoff.path("enabled").asBoolean()).isTrue();
    assertThat(handoff.path("tags")).isEqualTo(JSON.readTree("[]"));
    assertThat(handoff.path("triggers")).isEqualTo(JSON.readTree("[\"tagged\"]"));
    assertThat(handoff.path("propertyMap")).isEqualTo(JSON.readTree("{\"status\":\"State\"}"));
    assertThat(merged.path("statusSync").path("map"))
        .isEqualTo(JSON.readTree("{\"Closed\":\"closed\"}"));
    assertThat(merged.path("statusSync").path("property").asText()).isEqualTo("Status");
  }

  @Test
  void mergeLeavesTheCurrentDocumentUntouched() throws Exception {
    ObjectNode current = policy.defaults();
    policy.merge(current, JSON.readTree("{\"ticketHandoff\":{\"enabled\":true}}"));

    assertThat(current).isEqualTo(policy.defaults());
  }

  @Test
  void aCompleteDocumentParsesIntoTypedSections() throws Exception {
    OrgSettings settings =
        policy.parse(
            policy.merge(
                policy.defaults(),
                JSON.readTree(
                    """
        { "enabled": true, "ticketHandoff": { "dataSourceId": "ds1", "propertyMap": { "tags": "T", "status": "S" } },
          "kbSync": { "defaultOwner": "notion" } }""")));

    assertThat(settings.enabled()).isTrue();
    HandoffSettings handoff = settings.section(HandoffSettings.class);
    assertThat(handoff.dataSourceId()).isEqualTo("ds1");
    assertThat(handoff.triggers()).containsExactly("created");
    assertThat(handoff.propertyMap())
        .containsExactly(Map.entry("tags", "T"), Map.entry("status", "S"));
    assertThat(settings.section(KbSyncSettings.class).defaultOwner()).isEqualTo("notion");
    assertThat(settings.section(StatusSyncSettings.class).map()).containsEntry("Done", "solved");
  }

  @Test
  void handoffSettingsSelectTriggersAndTags() {
    HandoffSettings anyTag =
        new HandoffSettings(true, "ds", List.of("created", "tagged"), List.of(), Map.of());
    HandoffSettings vip =
        new HandoffSettings(true, "ds", List.of("tagged"), List.of("vip"), Map.of());

    assertThat(anyTag.triggers("created")).isTrue();
    assertThat(vip.triggers("created")).isFalse();
    assertThat(anyTag.tagSelected("tagged", "whatever")).isTrue();
    assertThat(vip.tagSelected("tagged", "vip")).isTrue();
    assertThat(vip.tagSelected("tagged", "other")).isFalse();
    assertThat(vip.tagSelected("created", null)).isTrue();
  }
}
