package io.fynedesk.connector.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a page's Markdown into heading-aware chunks of about {@code size} characters: a heading
 * starts a new chunk, paragraphs are packed until the size is reached, an oversized paragraph is
 * cut at a sentence or word boundary, and each chunk keeps the heading path above it as context.
 */
final class Chunker {

  /** A chunk of Markdown and the headings above it (outermost first). */
  record Chunk(List<String> headings, String text) {}

  private final int size;

  Chunker(int size) {
    this.size = size;
  }

  List<Chunk> chunks(String markdown) {
    List<Chunk> out = new ArrayList<>();
    List<String> path = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    List<String> currentPath = List.of();
    boolean onlyHeading = false;
    for (String paragraph : paragraphs(markdown)) {
      int level = headingLevel(paragraph);
      if (level > 0) {
        flush(out, currentPath, current);
        while (path.size() >= level) {
          path.remove(path.size() - 1);
        }
        while (path.size() < level - 1) {
          path.add("");
        }
        path.add(paragraph.substring(level).trim());
        currentPath = List.copyOf(path.stream().filter(h -> !h.isEmpty()).toList());
        current.append(paragraph);
        onlyHeading = true;
        continue;
      }
      if (!onlyHeading && current.length() + paragraph.length() + 2 > size) {
        flush(out, currentPath, current);
      }
      for (String piece : cut(paragraph)) {
        if (!onlyHeading && current.length() + piece.length() + 2 > size) {
          flush(out, currentPath, current);
        }
        onlyHeading = false;
        if (current.length() > 0) {
          current.append("\n\n");
        }
        current.append(piece);
      }
    }
    flush(out, currentPath, current);
    return out;
  }

  private static void flush(List<Chunk> out, List<String> path, StringBuilder current) {
    String text = current.toString().strip();
    if (!text.isEmpty()) {
      out.add(new Chunk(path, text));
    }
    current.setLength(0);
  }

  /** Blank-line separated blocks; a fenced code block stays one block. */
  static List<String> paragraphs(String markdown) {
    List<String> out = new ArrayList<>();
    StringBuilder block = new StringBuilder();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
      }
      boolean heading = !fenced && headingLevel(line) > 0;
      if (!fenced && (line.isBlank() || heading) && block.length() > 0) {
        out.add(block.toString());
        block.setLength(0);
      }
      if (heading) {
        out.add(line.strip());
      } else if (fenced || !line.isBlank()) {
        if (block.length() > 0) {
          block.append('\n');
        }
        block.append(line);
      }
    }
    if (block.length() > 0) {
      out.add(block.toString());
    }
    return out;
  }

  /** 1–6 for an ATX heading line ({@code ## Title}), else 0. */
  static int headingLevel(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == '#') {
      n++;
    }
    return n >= 1 && n <= 6 && n < line.length() && line.charAt(n) == ' ' ? n : 0;
  }

  /** A paragraph in pieces of at most {@code size}, cut after a sentence or at a space. */
  private List<String> cut(String paragraph) {
    List<String> out = new ArrayList<>();
    String rest = paragraph;
    while (rest.length() > size) {
      int at = lastBoundary(rest, size);
      out.add(rest.substring(0, at).strip());
      rest = rest.substring(at).strip();
    }
    if (!rest.isEmpty()) {
      out.add(rest);
    }
    return out;
  }

  private static int lastBoundary(String s, int max) {
    for (String mark : new String[] {". ", "\n", "; ", ", ", " "}) {
      int i = s.lastIndexOf(mark, max - mark.length());
      if (i > max / 2) {
        return i + mark.length();
      }
    }
    return max;
  }
}
