package org.dndguard.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * The reference application: Camunda with DND Guard, Cockpit and Tasklist, the REST API and the
 * sample models of {@code bpmn/}. Its defaults live in {@code org/dndguard/app/reference-app.properties}
 * rather than in an {@code application.properties}, which would leak into every application that
 * uses the DND Guard jar as a library.
 */
@SpringBootApplication
@PropertySource("classpath:org/dndguard/app/reference-app.properties")
public class DndGuardApplication {

  public static void main(String[] args) {
    SpringApplication.run(DndGuardApplication.class, args);
  }
}
