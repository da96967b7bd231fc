package io.fynedesk.connector.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.fynedesk.Person;
import io.fynedesk.connector.fynedesk.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Ticket fields become Notion property values by the property's type in the data source (CONTRACT
 * §4).
 */
class PropertyMapperTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant CREATED = Instant.parse("2026-03-04T05:06:07Z");
  private static final Function<String, Optional<String>> NO_USERS = email -> Optional.empty();

  private final PropertyMapper propertyMapper = new PropertyMapper(MAPPER);

  private static Ticket ticket(String status, String priority, List<String> tags, Person assignee) {
    return new Ticket(
        "t-1",
        42L,
        "Printer on fire",
        "desc",
        status,
        priority,
        tags,
        "Hardware",
        new Person("Ada Lovelace", "ada@example.com"),
        assignee,
        "https://desk.example.com/t/42",
        CREATED,
        CREATED);
  }

  private static Ticket ticket() {
    return ticket(
        "open", "high", List.of("billing", "vip"), new Person("Grace Hopper", "grace@example.com"));
  }

  private static JsonNode json(String json) {
    try {
      return MAPPER.readTree(json.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private PropertyMapper.Mapped map(
      Ticket t,
      Map<String, String> propertyMap,
      String schema,
      Function<String, Optional<String>> users) {
    return propertyMapper.map(t, MAPPER.valueToTree(propertyMap), json(schema), users);
  }

  private static final String TITLE = "'Name':{'type':'title'}";

  @Test
  void titleIsExactlyTheTicketSubject() {
    PropertyMapper.Mapped mapped = map(ticket(), Map.of(), "{" + TITLE + "}", NO_USERS);

    assertThat(
            mapped
                .properties()
                .path("Name")
                .path("title")
                .get(0)
                .path("text")
                .path("content")
                .asText())
        .isEqualTo("Printer on fire");
    assertThat(mapped.properties().path("Name").path("title")).hasSize(1);
    assertThat(mapped.warnings()).isEmpty();
  }

  @Test
  void titleLongerThanOneTextItemIsSplitIntoSeveral() {
    String subject = "x".repeat(4500);
    Ticket t =
        new Ticket("t-1", 1L, subject, null, null, null, null, null, null, null, null, null, null);

    JsonNode title =
        map(t, Map.of(), "{" + TITLE + "}", NO_USERS).properties().path("Name").path("title");

    assertThat(title.size()).isGreaterThan(1);
    StringBuilder joined = new StringBuilder();
    title.forEach(
        item -> {
          assertThat(item.path("text").path("content").asText().length()).isLessThanOrEqualTo(2000);
          joined.append(item.path("text").path("content").asText());
        });
    assertThat(joined.toString()).isEqualTo(subject);
  }

  @Test
  void selectUsesTheExistingOptionExactlyThenIgnoringCase() {
    String schema =
        "{"
            + TITLE
            + ",'Priority':{'type':'select','select':{'options':[{'name':'HIGH'},{'name':'high'}]}},"
            + "'Category':{'type':'select','select':{'options':[{'name':'HARDWARE'}]}}}";

    PropertyMapper.Mapped mapped =
        map(ticket(), Map.of("priority", "Priority", "category", "Category"), schema, NO_USERS);

    assertThat(mapped.properties().path("Priority").path("select").path("name").asText())
        .isEqualTo("high");
    assertThat(mapped.properties().path("Category").path("select").path("name").asText())
        .isEqualTo("HARDWARE");
  }

  @Test
  void selectWithoutAMatchingOptionNamesANewOneWithoutCommas() {
    String schema = "{'Category':{'type':'select','select':{'options':[{'name':'Software'}]}}}";
    Ticket t =
        new Ticket(
            "t-1",
            1L,
            "s",
            null,
            null,
            null,
            null,
            "Printers, scanners",
            null,
            null,
            null,
            null,
            null);

    PropertyMapper.Mapped mapped = map(t, Map.of("category", "Category"), schema, NO_USERS);

    assertThat(mapped.properties().path("Category").path("select").path("name").asText())
        .isEqualTo("Printers  scanners");
    assertThat(mapped.warnings()).isEmpty();
  }

  @Test
  void statusMatchesAnOptionIgnoringCase() {
    String schema =
        "{'Status':{'type':'status','status':{'options':[{'name':'Open'},{'name':'Solved'}]}}}";

    PropertyMapper.Mapped mapped = map(ticket(), Map.of("status", "Status"), schema, NO_USERS);

    assertThat(mapped.properties().path("Status").path("status").path("name").asText())
        .isEqualTo("Open");
    assertThat(mapped.warnings()).isEmpty();
  }

  @Test
  void statusWithoutAMatchingOptionIsSkippedWithAWarning() {
    String schema = "{'Status':{'type':'status','status':{'options':[{'name':'Solved'}]}}}";

    PropertyMapper.Mapped mapped = map(ticket(), Map.of("status", "Status"), schema, NO_USERS);

    assertThat(mapped.properties().has("Status")).isFalse();
    assertThat(mapped.fingerprints().has("Status")).isFalse();
    assertThat(mapped.warnings())
        .singleElement()
        .asString()
        .contains("open")
        .contains("Status")
        .contains("skipped");
  }

  @Test
  void tagsBecomeMultiSelectOptionsMatchedIgnoringCase() {
    String schema = "{'Tags':{'type':'multi_select','multi_select':{'options':[{'name':'VIP'}]}}}";

    JsonNode tags =
        map(ticket(), Map.of("tags", "Tags"), schema, NO_USERS)
            .properties()
            .path("Tags")
            .path("multi_select");

    assertThat(tags).extracting(o -> o.path("name").asText()).containsExactly("billing", "VIP");
  }

  @Test
  void numberIsWrittenAsAWholeNumber() {
    String schema = "{'No':{'type':'number'}}";

    JsonNode number =
        map(ticket(), Map.of("number", "No"), schema, NO_USERS).properties().path("No");

    assertThat(number.path("number").isIntegralNumber()).isTrue();
    assertThat(number.path("number").asLong()).isEqualTo(42L);
  }

  @Test
  void textThatIsNotANumberIsSkippedWithAWarning() {
    String schema = "{'Priority':{'type':'number'}}";

    PropertyMapper.Mapped mapped = map(ticket(), Map.of("priority", "Priority"), schema, NO_USERS);

    assertThat(mapped.properties().has("Priority")).isFalse();
    assertThat(mapped.warnings()).singleElement().asString().contains("not a number");
  }

  @Test
  void createdAtIsADateWithTime() {
    String schema = "{'Opened':{'type':'date'}}";

    JsonNode date =
        map(ticket(), Map.of("createdAt", "Opened"), schema, NO_USERS)
            .properties()
            .path("Opened")
            .path("date");

    assertThat(date.path("start").asText()).isEqualTo("2026-03-04T05:06:07Z");
    assertThat(date.path("end").isNull()).isTrue();
  }

  @Test
  void urlEmailAndCheckboxTakeTheirPlainValues() {
    String schema = "{'Link':{'type':'url'},'Mail':{'type':'email'},'Tagged':{'type':'checkbox'}}";

    JsonNode props =
        map(
                ticket(),
                Map.of("url", "Link", "requester", "Mail", "tags", "Tagged"),
                schema,
                NO_USERS)
            .properties();

    assertThat(props.path("Link").path("url").asText()).isEqualTo("https://desk.example.com/t/42");
    assertThat(props.path("Mail").path("email").asText()).isEqualTo("ada@example.com");
    assertThat(props.path("Tagged").path("checkbox").asBoolean()).isTrue();
  }

  @Test
  void peopleAreMatchedByEmail() {
    String schema = "{'Owner':{'type':'people'}}";
    Function<String, Optional<String>> users =
        email -> "grace@example.com".equals(email) ? Optional.of("user-7") : Optional.empty();

    PropertyMapper.Mapped mapped = map(ticket(), Map.of("assignee", "Owner"), schema, users);

    assertThat(mapped.properties().path("Owner").path("people"))
        .extracting(p -> p.path("id").asText())
        .containsExactly("user-7");
    assertThat(mapped.warnings()).isEmpty();
  }

  @Test
  void personWithoutANotionUserIsSkippedWithAWarning() {
    String schema = "{'Owner':{'type':'people'}}";

    PropertyMapper.Mapped mapped = map(ticket(), Map.of("assignee", "Owner"), schema, NO_USERS);

    assertThat(mapped.properties().has("Owner")).isFalse();
    assertThat(mapped.warnings()).singleElement().asString().contains("grace@example.com");
  }

  @Test
  void personInATextPropertyIsWrittenAsNameAndEmail() {
    String schema = "{'Requester':{'type':'rich_text'}}";

    JsonNode text =
        map(ticket(), Map.of("requester", "Requester"), schema, NO_USERS)
            .properties()
            .path("Requester")
            .path("rich_text");

    assertThat(text.get(0).path("text").path("content").asText())
        .isEqualTo("Ada Lovelace <ada@example.com>");
  }

  @Test
  void propertyMissingFromTheDataSourceIsSkippedWithAWarning() {
    PropertyMapper.Mapped mapped =
        map(ticket(), Map.of("priority", "Gone"), "{" + TITLE + "}", NO_USERS);

    assertThat(mapped.properties().has("Gone")).isFalse();
    assertThat(mapped.warnings())
        .singleElement()
        .asString()
        .contains("\"Gone\"")
        .contains("no longer exists");
  }

  @Test
  void propertyOfATypeTicketsCannotFillIsSkippedWithAWarning() {
    PropertyMapper.Mapped mapped =
        map(ticket(), Map.of("priority", "Files"), "{'Files':{'type':'files'}}", NO_USERS);

    assertThat(mapped.properties().has("Files")).isFalse();
    assertThat(mapped.warnings()).singleElement().asString().contains("files");
  }

  @Test
  void everyWrittenPropertyHasAFingerprintThatChangesWithItsValue() {
    String schema = "{" + TITLE + ",'Priority':{'type':'select','select':{'options':[]}}}";
    Map<String, String> propertyMap = Map.of("priority", "Priority");

    JsonNode high = map(ticket(), propertyMap, schema, NO_USERS).fingerprints();
    JsonNode low =
        map(ticket("open", "low", List.of(), null), propertyMap, schema, NO_USERS).fingerprints();

    assertThat(high.has("Name")).isTrue();
    assertThat(high.path("Priority").asText()).isNotEqualTo(low.path("Priority").asText());
    assertThat(high.path("Name").asText()).isEqualTo(low.path("Name").asText());
  }
}
