package com.example.campaigns;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A team's Camunda application; DND Guard's auto-configuration guards its welcome campaign. */
@SpringBootApplication
public class CampaignsApplication {

  public static void main(String[] args) {
    SpringApplication.run(CampaignsApplication.class, args);
  }
}
