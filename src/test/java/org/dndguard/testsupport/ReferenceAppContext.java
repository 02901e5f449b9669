package org.dndguard.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.dndguard.app.DndGuardApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;

/**
 * The reference application, started by Spring's test context on a random port: what most
 * Spring Boot tests of DND Guard run against. Tests with the same properties share one context,
 * as with a plain {@code @SpringBootTest} of the same settings.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = DndGuardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface ReferenceAppContext {

  /** Properties for this test's context, {@code key=value}, as {@link SpringBootTest#properties()}. */
  @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
  String[] properties() default {};
}
