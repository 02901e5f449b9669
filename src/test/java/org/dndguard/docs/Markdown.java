package org.dndguard.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The project's Markdown as the docs tests read it: files, headings, links and fenced samples. */
final class Markdown {

  /** The folder other helpers' sessions write into, and the coordinator folds in and deletes. */
  static final String INCOMING = "docs/incoming/";

  private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.*?)#*\\s*$");
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
  private static final Pattern SAMPLE = Pattern.compile("^<!-- sample: (\\S+?)(?:#(\\S+))? -->$");

  private Markdown() {
  }

  /** README.md and every Markdown file under docs/, but for docs/incoming/, relative to the root. */
  static List<Path> documents(Path root) {
    List<Path> documents = new ArrayList<>();
    documents.add(root.resolve("README.md"));
    Path docs = root.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> files = Files.walk(docs)) {
        files.filter(p -> p.toString().endsWith(".md"))
            .filter(p -> !root.relativize(p).toString().replace('\\', '/').startsWith(INCOMING))
            .sorted().forEach(documents::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return documents;
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The anchors GitHub gives the file's headings: lower case, every character but letters, digits,
   * spaces, hyphens and underscores dropped, spaces made hyphens, and -1, -2 ... on repeats.
   */
  static Set<String> anchors(List<String> lines) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean fenced = false;
    for (String line : lines) {
      if (line.startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (!fenced && heading.matches()) {
        String slug = slug(heading.group(1));
        int count = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(count == 0 ? slug : slug + "-" + count);
      }
    }
    return anchors;
  }

  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1");
    text = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).strip();
    return text.replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
  }

  /** The link targets of one line (outside code), e.g. {@code docs/testing.md#scenario}. */
  static List<String> links(String line) {
    List<String> targets = new ArrayList<>();
    Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
    while (link.find()) {
      targets.add(link.group(1));
    }
    return targets;
  }

  /** Each line's links, by line number (from 1), fenced code left out. */
  static Map<Integer, List<String>> linksByLine(List<String> lines) {
    Map<Integer, List<String>> links = new HashMap<>();
    boolean fenced = false;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced && !links(lines.get(i)).isEmpty()) {
        links.put(i + 1, links(lines.get(i)));
      }
    }
    return links;
  }

  /**
   * A fenced code block.
   *
   * @param line the line of its opening fence, from 1
   * @param language the word after the fence, or empty
   * @param source the file and region it says it shows ({@code <!-- sample: path#region -->} on the
   *     line before the fence), or null
   */
  record Block(int line, String language, String text, String source, String region) {
  }

  static List<Block> blocks(List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("```")) {
        continue;
      }
      int start = i;
      List<String> text = new ArrayList<>();
      for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
        text.add(lines.get(i));
      }
      Matcher sample = start > 0 ? SAMPLE.matcher(lines.get(start - 1).strip()) : SAMPLE.matcher("");
      boolean marked = sample.matches();
      blocks.add(new Block(start + 1, lines.get(start).substring(3).strip(), String.join("\n", text),
          marked ? sample.group(1) : null, marked ? sample.group(2) : null));
    }
    return blocks;
  }

  /**
   * The lines between the markers {@code tag::name[]} and {@code end::name[]} (in a comment of any
   * language), less their common indentation; the whole file without a name.
   */
  static String region(Path file, String name) {
    List<String> lines = lines(file);
    if (name == null) {
      return String.join("\n", lines).strip();
    }
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("tag::" + name + "[]")) {
        start = i;
      } else if (lines.get(i).contains("end::" + name + "[]")) {
        end = i;
      }
    }
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(file + " has no region '" + name + "': mark it with tag::" + name
          + "[] and end::" + name + "[] in comments");
    }
    List<String> region = lines.subList(start + 1, end);
    int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
        .min().orElse(0);
    return String.join("\n", region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
  }
}
