package org.dndguard.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every test class that drives the browser carries {@link BrowserAvailable}: one that does not
 * fails {@code mvn verify} on a machine without Chromium instead of skipping with the install
 * command, which is what the README promises for a fresh machine (a browser test once did).
 */
class BrowserTestsAreConditionalTest {

  @Test
  void everyClassThatOpensTheBrowserIsSkippedWithoutIt() {
    List<JavaClass> browserTests = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
        .importPackages("org.dndguard")
        .stream()
        .filter(type -> type.getEnclosingClass().isEmpty())
        .filter(type -> type.getAccessesFromSelf().stream()
            .anyMatch(access -> access.getTargetOwner().isEquivalentTo(Browser.class)
                && access.getName().equals("open")))
        .toList();

    assertThat(browserTests).extracting(JavaClass::getSimpleName)
        .as("the test classes that call Browser.open")
        .contains("CockpitPluginBrowserTest", "CockpitLimitsBrowserTest");
    assertThat(browserTests)
        .allSatisfy(type -> assertThat(type.isAnnotatedWith(ExtendWith.class)
                && Arrays.asList(type.reflect().getAnnotation(ExtendWith.class).value()).contains(BrowserAvailable.class))
            .as(type.getSimpleName() + " opens the browser, so it needs @ExtendWith(BrowserAvailable.class)")
            .isTrue());
  }
}
