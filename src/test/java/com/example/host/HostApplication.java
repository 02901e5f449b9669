package com.example.host;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.store.ContactDirectory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A team's own Camunda Spring Boot application, as it was before it added DND Guard: its own
 * security (its own users, HTTP Basic on {@code /api/**}, CSRF on everything, an admin-only area),
 * its own {@code /api/**} and {@code /webhooks/**} endpoints, and its own delegate for a model in
 * which one step is marked for DND Guard.
 */
@SpringBootApplication
public class HostApplication {

  /** The host's own users, who are no Camunda users. */
  public static final String USER = "alice";
  public static final String ADMIN = "root";

  @Bean
  SecurityFilterChain hostSecurity(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/public/**").permitAll()
            .requestMatchers("/webhooks/**").permitAll()
            .requestMatchers("/admin/**").hasRole("ADMIN")
            .anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        .build();
  }

  @Bean
  UserDetailsService hostUsers() {
    return new InMemoryUserDetailsManager(
        User.withUsername(USER).password("{noop}alice-pw").roles("USER").build(),
        User.withUsername(ADMIN).password("{noop}root-pw").roles("USER", "ADMIN").build());
  }

  /** The host's CRM, which knows its customers' addresses; DND Guard registers them from it on first use. */
  // tag::contactDirectory[]
  @Bean
  ContactDirectory hostCrm() {
    Map<String, ContactAddresses> customers = Map.of(
        "crm-7", new ContactAddresses("+14155550143", "crm7@example.com", null, null, null));
    return contactId -> Optional.ofNullable(customers.get(contactId));
  }
  // end::contactDirectory[]

  @RestController
  static class HostEndpoints {

    @GetMapping("/api/orders")
    List<String> orders() {
      return List.of("o-1");
    }

    @PostMapping("/api/orders")
    ResponseEntity<String> order() {
      return ResponseEntity.status(201).body("o-2");
    }

    @GetMapping("/api/contacts/c-1/dnd")
    String hostsOwnContactPath() {
      return "the host's own";
    }

    @PostMapping("/webhooks/crm")
    String crmWebhook() {
      return "ok";
    }

    @GetMapping("/webhooks/crm")
    String crmWebhookCheck() {
      return "ok";
    }

    @GetMapping("/public/hello")
    String hello() {
      return "hello";
    }

    @GetMapping("/admin/stats")
    String stats() {
      return "stats";
    }

    @GetMapping("/api/fails")
    String fails() {
      throw new IllegalStateException("the host's own error");
    }
  }

  /** The host's SMS sender, called by its model's marked step. */
  @Component("hostSendSms")
  public static class HostSendSms implements JavaDelegate {

    public final List<String> sentTo = new CopyOnWriteArrayList<>();

    @Override
    public void execute(DelegateExecution execution) {
      sentTo.add((String) execution.getVariable("contactId"));
    }
  }
}
