package org.dndguard.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The code samples of the README are regions of files the build compiles and runs (a test class,
 * the model it deploys), marked {@code tag::name[]} ... {@code end::name[]}, and shown as they are:
 * each sample names its region on the line before it ({@code <!-- sample: path#name -->}), and this
 * test fails when the two differ. The guides in docs/ may mark their samples the same way.
 */
class ReadmeSamplesTest {

  private static final Path ROOT = Path.of("").toAbsolutePath();

  /** The samples the README must take from compiled sources; shell commands are shown as they are. */
  private static final Set<String> CODE = Set.of("java", "xml");

  @Test
  void everyJavaAndXmlSampleOfTheReadmeNamesTheRegionItShows() {
    List<Markdown.Block> code = Markdown.blocks(Markdown.lines(ROOT.resolve("README.md"))).stream()
        .filter(block -> CODE.contains(block.language())).toList();

    assertThat(code).as("the README's code samples").isNotEmpty();
    assertThat(code).as("samples without <!-- sample: path#region --> on the line before them")
        .allSatisfy(block -> assertThat(block.source()).as("README.md:%d", block.line()).isNotNull());
    assertThat(code).as("samples whose source is not compiled or run by the build")
        .allSatisfy(block -> assertThat(block.source()).startsWith("src/test/"));
  }

  @Test
  void everyMarkedSampleIsItsRegionAsItIs() {
    List<String> differ = new ArrayList<>();
    int samples = 0;
    for (Path document : Markdown.documents(ROOT)) {
      for (Markdown.Block block : Markdown.blocks(Markdown.lines(document))) {
        if (block.source() == null) {
          continue;
        }
        samples++;
        String region = Markdown.region(ROOT.resolve(block.source()), block.region());
        if (!region.equals(block.text())) {
          differ.add(ROOT.relativize(document) + ":" + block.line() + " differs from " + block.source() + "#"
              + block.region() + "; copy the region into the sample");
        }
      }
    }

    assertThat(samples).as("marked samples").isGreaterThanOrEqualTo(3);
    assertThat(differ).isEmpty();
  }
}
