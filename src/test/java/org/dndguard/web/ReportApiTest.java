package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.provider.internal.TwilioWebhooks;
import org.dndguard.web.internal.ReportController;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compliance reports over HTTP: a period with a known set of opt-outs (some inside, some on
 * its edges, some outside, and DND that is no opt-out), the refused clears of a period, and the
 * 400 problems of a missing, malformed or reversed period.
 */
class ReportApiTest extends WebhookHttpTestSupport {

  ApiHttp http;
  Instant from;
  Instant to;

  @BeforeEach
  void setUp() {
    http = ApiHttp.demo(port);
    // a week of its own, years ago: the database is shared with every other test of the context
    from = Instant.parse("2001-01-01T00:00:00Z").plus(ThreadLocalRandom.current().nextInt(0, 1000) * 7L,
        ChronoUnit.DAYS);
    to = from.plus(Duration.ofDays(7));
  }

  @Test
  void theOptOutReportHoldsTheOptOutsReceivedInThePeriodAndEachOneOnlyWithTheTimeToEffect() {
    String ann = contactWith(newPhone(), newEmail());
    String bob = contactWith(newPhone(), newEmail());
    String sidAtStart = optOut(ann, DndTarget.SMS, DndReason.SMS_OPT_OUT, Source.TWILIO, "STOP", from);
    String sidInside = optOut(bob, DndTarget.WHATSAPP, DndReason.WHATSAPP_OPT_OUT, Source.TWILIO, "ARRET",
        from.plus(Duration.ofHours(30)));
    String mailgun = optOut(ann, DndTarget.EMAIL, DndReason.EMAIL_UNSUBSCRIBE, Source.MAILGUN, null,
        from.plus(Duration.ofDays(2)));
    dnd.leaveTopic(bob, "newsletter", DndReason.EMAIL_UNSUBSCRIBE,
        Evidence.builder(Source.UNSUBSCRIBE_LINK, from.plus(Duration.ofDays(3))).actor(bob).message("42")
            .note("one-click unsubscribe").build());
    // outside: before the period, at its exclusive end; and no opt-out: a bounce, a user's DND
    optOut(bob, DndTarget.SMS, DndReason.SMS_OPT_OUT, Source.TWILIO, "STOP", from.minusSeconds(1));
    optOut(bob, DndTarget.EMAIL, DndReason.SPAM_COMPLAINT, Source.MAILGUN, null, to);
    optOut(bob, DndTarget.EMAIL, DndReason.EMAIL_BOUNCE, Source.MAILGUN, null, from.plus(Duration.ofDays(1)));
    dnd.apply(ann, new DndCommand.Set(DndTarget.CALL, DndReason.MANUAL,
        Evidence.builder(Source.USER, from.plus(Duration.ofDays(1))).actor("demo").build()));

    ApiHttp.Response report = http.get("/api/reports/opt-outs?from=" + from + "&to=" + to, "text/csv");

    assertThat(report.status()).as("%s", report).isEqualTo(200);
    assertThat(report.contentType()).startsWith("text/csv");
    String[] lines = report.body().split("\r\n");
    assertThat(lines[0]).startsWith("# DND Guard opt-out report: opt-outs received from " + from + " (inclusive) to "
        + to + " (exclusive)");
    assertThat(lines[1]).startsWith("# rows: 4; max_time_to_effect: P").contains("see business_days_to_effect");
    assertThat(report.header(ReportController.ROWS_HEADER)).hasValue("4");
    assertThat(report.header(ReportController.WITHIN_TEN_BUSINESS_DAYS_HEADER)).hasValue("false");
    Duration longest = Duration.parse(report.header(ReportController.MAX_TIME_TO_EFFECT_HEADER).orElseThrow());
    // the oldest opt-out took effect now, when it was recorded
    assertThat(longest).isBetween(Duration.between(from, Instant.now()).minusMinutes(10),
        Duration.between(from, Instant.now()));

    List<List<String>> rows = EvidenceApiTest.csvRows(report.body());
    List<String> header = rows.get(0);
    assertThat(header.subList(0, 13)).containsExactly("received_at", "effective_at", "time_to_effect",
        "seconds_to_effect", "business_days_to_effect", "contact_id", "channel", "topic", "source", "keyword",
        "provider_event_id", "message_id", "audit_id");
    assertThat(header).contains("action", "reason", "note", "recorded_at");
    List<Map<String, String>> data = rows.subList(1, rows.size()).stream().map(row -> IntStream.range(0, header.size())
        .boxed().collect(Collectors.toMap(header::get, row::get))).toList();
    assertThat(data).extracting(row -> row.get("received_at")).containsExactly(from.toString(),
        from.plus(Duration.ofHours(30)).toString(), from.plus(Duration.ofDays(2)).toString(),
        from.plus(Duration.ofDays(3)).toString());
    assertThat(data).extracting(row -> row.get("contact_id") + " " + row.get("channel") + row.get("topic") + " "
        + row.get("source") + " " + row.get("keyword") + " " + row.get("provider_event_id"))
        .containsExactly(ann + " SMS TWILIO STOP " + sidAtStart, bob + " WHATSAPP TWILIO ARRET " + sidInside,
            ann + " EMAIL MAILGUN  " + mailgun, bob + " newsletter UNSUBSCRIBE_LINK  ");
    assertThat(data.get(3).get("message_id")).isEqualTo("42");
    assertThat(data.get(3).get("action")).isEqualTo("TOPIC_LEFT");
    for (Map<String, String> row : data) {
      Duration delay = Duration.between(Instant.parse(row.get("received_at")), Instant.parse(row.get("effective_at")));
      assertThat(Duration.parse(row.get("time_to_effect"))).isEqualTo(delay);
      assertThat(Double.parseDouble(row.get("seconds_to_effect"))).isCloseTo(delay.toNanos() / 1e9,
          org.assertj.core.data.Offset.offset(0.001));
      assertThat(Long.parseLong(row.get("business_days_to_effect"))).isGreaterThan(1000);
      assertThat(row.get("audit_id")).isEqualTo(row.get("id"));
    }
    assertThat(data).extracting(row -> Duration.parse(row.get("time_to_effect"))).contains(longest);
  }

  @Test
  void aStopByWebhookTakesEffectTheMomentItIsReceived() {
    Instant before = Instant.now().minusSeconds(1);
    String phone = newPhone();
    String ann = contactWith(phone, null);
    client.twilio(TwilioWebhooks.SMS_PATH, WebhookClient.inboundSms(phone, "STOP"));
    Instant after = Instant.now().plusSeconds(1);

    ApiHttp.Response report = http.get("/api/reports/opt-outs?from=" + before + "&to=" + after);

    assertThat(report.status()).as("%s", report).isEqualTo(200);
    List<List<String>> rows = EvidenceApiTest.csvRows(report.body());
    List<String> mine = rows.stream().filter(row -> row.get(5).equals(ann)).findFirst().orElseThrow();
    assertThat(mine.get(4)).as("business days").isEqualTo("0");
    assertThat(Double.parseDouble(mine.get(3))).as("seconds").isBetween(0.0, 60.0);
    assertThat(report.header(ReportController.WITHIN_TEN_BUSINESS_DAYS_HEADER)).hasValue("true");
  }

  @Test
  void theRefusedClearsOfAPeriodNameTheContactTheReasonAndWhoAsked() {
    Instant before = Instant.now().minusSeconds(1);
    String phone = newPhone();
    String ann = contactWith(phone, null);
    client.twilio(TwilioWebhooks.SMS_PATH, WebhookClient.inboundSms(phone, "STOP"));
    assertThat(http.delete("/api/contacts/" + ann + "/dnd/channels/SMS", null).status()).isEqualTo(409);

    ApiHttp.Response report = http.get("/api/reports/refused-clears?from=" + before + "&to="
        + Instant.now().plusSeconds(1));

    assertThat(report.status()).as("%s", report).isEqualTo(200);
    List<List<String>> rows = EvidenceApiTest.csvRows(report.body());
    assertThat(rows.get(0).subList(0, 7)).containsExactly("at", "contact_id", "channel", "reason", "source", "actor",
        "audit_id");
    int message = rows.get(0).indexOf("message");
    List<String> mine = rows.stream().filter(row -> row.get(1).equals(ann)).findFirst().orElseThrow();
    assertThat(mine.subList(2, 6)).containsExactly("SMS", "SMS_OPT_OUT", "USER", "demo");
    assertThat(mine.get(message)).contains("START");
  }

  @Test
  void aMissingMalformedOrReversedPeriodIsA400ProblemThatSaysWhatToGive() {
    for (String report : List.of("opt-outs", "refused-clears", "blocked-sends", "skips")) {
      String path = "/api/reports/" + report;
      assertThat(ProblemAssertions.assertProblem(http.get(path + "?to=" + to), 400, "urn:dndguard:problem:invalid-input").toString())
          .contains("from is missing");
      assertThat(ProblemAssertions.assertProblem(http.get(path + "?from=yesterday&to=" + to), 400, "urn:dndguard:problem:invalid-input")
          .toString()).contains("'yesterday' is not an ISO-8601 instant");
      assertThat(ProblemAssertions.assertProblem(http.get(path + "?from=" + to + "&to=" + from), 400,
          "urn:dndguard:problem:invalid-input").toString()).contains("must be after from");
      assertThat(http.get(path + "?from=" + from + "&to=" + to).status()).isEqualTo(200);
      assertThat(http.anonymous().get(path + "?from=" + from + "&to=" + to).status()).isEqualTo(401);
    }
  }

  private String optOut(String contact, DndTarget target, DndReason reason, Source source, String keyword,
      Instant receivedAt) {
    String eventId = source == Source.TWILIO ? WebhookClient.newSid("SM") : "evt-" + UUID.randomUUID();
    dnd.apply(contact, new DndCommand.Set(target, reason,
        Evidence.providerEvent(source, eventId, receivedAt).actor("AC-test").message(eventId).keyword(keyword).build()));
    return eventId;
  }

}
