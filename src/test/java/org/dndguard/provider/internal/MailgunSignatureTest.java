package org.dndguard.provider.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.dndguard.testsupport.ProviderSigning;
import org.junit.jupiter.api.Test;

class MailgunSignatureTest {

  private static final String KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
  private static final String TOKEN = "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0";
  private static final Instant SIGNED = Instant.ofEpochSecond(1529006854);

  @Test
  void acceptsASignatureWithinTheWindowAndReturnsWhenItWasSigned() {
    MailgunSignature signature = at(SIGNED.plusSeconds(299));

    assertThat(signature.verify("1529006854", TOKEN, ProviderSigning.mailgun(KEY, "1529006854", TOKEN)))
        .isEqualTo(SIGNED);
  }

  @Test
  void acceptsUpperCaseHex() {
    assertThat(at(SIGNED).verify("1529006854", TOKEN,
        ProviderSigning.mailgun(KEY, "1529006854", TOKEN).toUpperCase(Locale.ROOT))).isEqualTo(SIGNED);
  }

  @Test
  void refusesAStaleTimestamp() {
    assertThatThrownBy(() -> at(SIGNED.plusSeconds(301)).verify("1529006854", TOKEN,
        ProviderSigning.mailgun(KEY, "1529006854", TOKEN)))
        .isInstanceOf(WebhookSignatureException.class)
        .hasMessageContaining("more than PT5M from now")
        .hasMessageContaining("replay");
  }

  @Test
  void refusesATimestampFromTheFuture() {
    assertThatThrownBy(() -> at(SIGNED.minusSeconds(301)).verify("1529006854", TOKEN,
        ProviderSigning.mailgun(KEY, "1529006854", TOKEN)))
        .isInstanceOf(WebhookSignatureException.class)
        .hasMessageContaining("signature.timestamp " + SIGNED + " is more than PT5M from now ("
            + SIGNED.minusSeconds(301) + ")")
        .hasMessageContaining("check this server's clock");
  }

  @Test
  void refusesASignatureMadeWithAnotherKey() {
    assertThatThrownBy(() -> at(SIGNED).verify("1529006854", TOKEN,
        ProviderSigning.mailgun("another-key", "1529006854", TOKEN)))
        .isInstanceOf(WebhookSignatureException.class)
        .hasMessageContaining("dnd.webhooks.mailgun.signing-key");
  }

  @Test
  void refusesATimestampChangedAfterSigning() {
    // the signature of the moment before: a replayer cannot move a captured signature forward in time
    assertThatThrownBy(() -> at(SIGNED).verify("1529006855", TOKEN, ProviderSigning.mailgun(KEY, "1529006854", TOKEN)))
        .isInstanceOf(WebhookSignatureException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void refusesMissingPartsNamingThem() {
    String signed = ProviderSigning.mailgun(KEY, "1529006854", TOKEN);
    assertThatThrownBy(() -> at(SIGNED).verify("1529006854", null, signed))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("signature.token");
    assertThatThrownBy(() -> at(SIGNED).verify(null, TOKEN, signed))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("signature.timestamp");
    assertThatThrownBy(() -> at(SIGNED).verify("1529006854", TOKEN, ""))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("signature.signature");
  }

  @Test
  void refusesEveryRequestWithoutASigningKeyNamingTheProperty() {
    MailgunSignature signature = new MailgunSignature(null, Duration.ofMinutes(5), Clock.fixed(SIGNED, ZoneOffset.UTC));

    assertThatThrownBy(() -> signature.verify("1529006854", TOKEN, ProviderSigning.mailgun(KEY, "1529006854", TOKEN)))
        .isInstanceOf(WebhookNotConfiguredException.class)
        .hasMessageContaining("set dnd.webhooks.mailgun.signing-key");
  }

  @Test
  void refusesANonPositiveWindow() {
    assertThatThrownBy(() -> new MailgunSignature(KEY, Duration.ZERO, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dnd.webhooks.mailgun.timestamp-window");
  }

  private static MailgunSignature at(Instant now) {
    return new MailgunSignature(KEY, Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
  }
}
