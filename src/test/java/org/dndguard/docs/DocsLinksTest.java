package org.dndguard.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link and anchor in README.md and docs/**.md resolves: the file exists and, for a
 * Markdown file, has a heading with that anchor by GitHub's rules. docs/incoming/ is left out: the
 * coordinator folds those notes into docs/ and deletes the folder.
 */
class DocsLinksTest {

  private static final Path ROOT = Path.of("").toAbsolutePath();

  @Test
  void everyRelativeLinkAndAnchorOfTheDocsResolves() {
    List<Path> documents = Markdown.documents(ROOT);
    assertThat(documents).as("README.md and the guides in docs/").hasSizeGreaterThan(5);

    assertThat(brokenLinks(ROOT, documents)).as("links that do not resolve").isEmpty();
  }

  @Test
  void theReadmeFitsOnAFewScreens() {
    assertThat(Markdown.lines(ROOT.resolve("README.md"))).as("README.md lines; put guides into docs/")
        .hasSizeLessThanOrEqualTo(300);
  }

  @Test
  void aMissingFileOrAnchorIsFound(@TempDir Path root) throws IOException {
    // given
    Files.createDirectories(root.resolve("docs/incoming"));
    Files.writeString(root.resolve("README.md"), """
        # Title
        See [the guide](docs/guide.md#setting-it-up), [gone](docs/gone.md), [here](#title) and
        [nowhere](#no-such-heading); `[code](not-a-link.md)` and [web](https://example.org/x) do not count.
        ```
        [in a fence](fenced.md)
        ```
        """);
    Files.writeString(root.resolve("docs/guide.md"), """
        # Guide
        ## Setting it up: `dnd.enabled` (v2)
        Back to the [README](../README.md#title), [twice](#setting-it-up-dndenabled-v2).
        """);
    Files.writeString(root.resolve("docs/incoming/issue-9.md"), "[ignored](nothing.md)\n");

    // when
    List<String> broken = brokenLinks(root, Markdown.documents(root));

    // then
    assertThat(broken).containsExactly(
        "README.md:2: docs/guide.md#setting-it-up: no heading with that anchor in docs/guide.md",
        "README.md:2: docs/gone.md: no such file",
        "README.md:3: #no-such-heading: no heading with that anchor in README.md");
  }

  private static List<String> brokenLinks(Path root, List<Path> documents) {
    List<String> broken = new ArrayList<>();
    for (Path document : documents) {
      String name = root.relativize(document).toString().replace('\\', '/');
      for (Map.Entry<Integer, List<String>> line : new java.util.TreeMap<>(
          Markdown.linksByLine(Markdown.lines(document))).entrySet()) {
        for (String target : line.getValue()) {
          String problem = problem(root, document, target);
          if (problem != null) {
            broken.add(name + ":" + line.getKey() + ": " + target + ": " + problem);
          }
        }
      }
    }
    return broken;
  }

  private static String problem(Path root, Path document, String target) {
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return null; // https:, mailto: ...: not ours to check offline
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
    if (!Files.exists(resolved)) {
      return "no such file";
    }
    if (anchor != null && resolved.toString().endsWith(".md")
        && !Markdown.anchors(Markdown.lines(resolved)).contains(anchor)) {
      return "no heading with that anchor in " + root.relativize(resolved).toString().replace('\\', '/');
    }
    return null;
  }
}
