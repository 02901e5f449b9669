package org.dndguard.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;

/**
 * A Spring test context with a process engine of its own and no web server, for a test that needs
 * its own database or settings. The engine gets a name of its own, so that it never replaces the
 * shared test engine in Camunda's registry, and deploys nothing by itself (the starter would deploy
 * every model on the class path): the test deploys what it needs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestPropertySource(properties = {
    "camunda.bpm.generate-unique-process-engine-name=true",
    "camunda.bpm.auto-deployment-enabled=false"})
public @interface OwnEngineContext {

  /** The application of the context, as {@link SpringBootTest#classes()}. */
  @AliasFor(annotation = SpringBootTest.class, attribute = "classes")
  Class<?>[] value();

  /** Further properties, {@code key=value}, as {@link SpringBootTest#properties()}. */
  @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
  String[] properties() default {};
}
