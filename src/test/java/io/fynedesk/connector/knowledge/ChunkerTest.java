package io.fynedesk.connector.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {

  private final Chunker chunker = new Chunker(1000);

  @Test
  void headingsStartChunksAndTheirPathIsKept() {
    List<Chunker.Chunk> chunks =
        chunker.chunks(
            "# Guide\n\nIntro.\n\n## Refunds\n\nPaid in 14 days.\n\n### Cards\n\nTo the card.\n\n## Shipping\n\nTwo days.");
    assertThat(chunks)
        .extracting(Chunker.Chunk::text)
        .containsExactly(
            "# Guide\n\nIntro.",
            "## Refunds\n\nPaid in 14 days.",
            "### Cards\n\nTo the card.",
            "## Shipping\n\nTwo days.");
    assertThat(chunks.get(2).headings()).containsExactly("Guide", "Refunds", "Cards");
    assertThat(chunks.get(3).headings()).containsExactly("Guide", "Shipping");
  }

  @Test
  void paragraphsArePackedToAboutTheSizeAndLongOnesCutAtSentences() {
    String sentence = "This sentence is about forty characters. ";
    String para = sentence.repeat(10).strip();
    String md = String.join("\n\n", List.of(para, para, para, para, sentence.repeat(60).strip()));
    List<Chunker.Chunk> chunks = chunker.chunks(md);
    assertThat(chunks).allMatch(c -> c.text().length() <= 1000);
    assertThat(chunks.get(0).text()).hasSizeGreaterThan(800);
    assertThat(chunks).allMatch(c -> c.text().endsWith("."));
    assertThat(
            String.join(" ", chunks.stream().map(Chunker.Chunk::text).toList())
                .replaceAll("\\s+", " "))
        .isEqualTo(md.replaceAll("\\s+", " "));
  }

  @Test
  void headingLikeLinesInsideCodeFencesAreNotHeadings() {
    List<Chunker.Chunk> chunks =
        chunker.chunks("## Script\n\n```bash\n# not a heading\necho hi\n```");
    assertThat(chunks).hasSize(1);
    assertThat(chunks.get(0).headings()).containsExactly("Script");
    assertThat(chunks.get(0).text()).contains("# not a heading");
  }

  @Test
  void emptyMarkdownHasNoChunks() {
    assertThat(chunker.chunks("")).isEmpty();
    assertThat(chunker.chunks("\n\n  \n")).isEmpty();
  }
}
