package org.dndguard.provider.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dndguard.testsupport.ProviderSigning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TwilioSignatureTest {

  private static final String TOKEN = "12345";

  @Test
  void acceptsTwiliosPublishedExample() {
    // given: the example of Twilio's webhook security guide, served at https://mycompany.com/myapp.php
    TwilioSignature signature = new TwilioSignature(TOKEN, "https://mycompany.com");

    // then
    assertThatCode(() -> signature.verify("/myapp.php", "foo=1&bar=2", form(example("+14158675310")),
        "GvWf1cFY/Q7PnoempGyD5oXAezc=")).doesNotThrowAnyException();
  }

  @Test
  void refusesTheExampleWithOneParameterChanged() {
    TwilioSignature signature = new TwilioSignature(TOKEN, "https://mycompany.com");
    Map<String, String> tampered = example("+14158675310");
    tampered.put("Digits", "1235");

    assertThatThrownBy(() -> signature.verify("/myapp.php", "foo=1&bar=2", form(tampered),
        "GvWf1cFY/Q7PnoempGyD5oXAezc="))
        .isInstanceOf(WebhookSignatureException.class)
        .hasMessageContaining("does not match")
        .hasMessageContaining("https://mycompany.com/myapp.php?foo=1&bar=2");
  }

  @Test
  void refusesTheExampleSignedForAnotherUrl() {
    TwilioSignature signature = new TwilioSignature(TOKEN, "https://other.example.com");

    assertThatThrownBy(() -> signature.verify("/myapp.php", "foo=1&bar=2", form(example("+14158675310")),
        "GvWf1cFY/Q7PnoempGyD5oXAezc="))
        .isInstanceOf(WebhookSignatureException.class)
        .hasMessageContaining("dnd.webhooks.public-base-url");
  }

  @Test
  void acceptsTheUrlSignedWithOrWithoutTheDefaultPort() {
    Map<String, String> parameters = Map.of("From", "+14155550100", "Body", "hi");
    String withPort = ProviderSigning.twilio(TOKEN, "https://hooks.example.com:443/webhooks/twilio/sms", parameters);
    String withoutPort = ProviderSigning.twilio(TOKEN, "https://hooks.example.com/webhooks/twilio/sms", parameters);

    for (String base : List.of("https://hooks.example.com", "https://hooks.example.com:443/")) {
      TwilioSignature signature = new TwilioSignature(TOKEN, base);
      assertThatCode(() -> signature.verify("/webhooks/twilio/sms", null, form(parameters), withPort))
          .as("signed with :443, configured as %s", base).doesNotThrowAnyException();
      assertThatCode(() -> signature.verify("/webhooks/twilio/sms", null, form(parameters), withoutPort))
          .as("signed without port, configured as %s", base).doesNotThrowAnyException();
    }
  }

  @Test
  void aNonDefaultPortIsPartOfTheUrl() {
    Map<String, String> parameters = Map.of("From", "+14155550100");
    TwilioSignature signature = new TwilioSignature(TOKEN, "http://localhost:8080");

    assertThatCode(() -> signature.verify("/webhooks/twilio/sms", null, form(parameters),
        ProviderSigning.twilio(TOKEN, "http://localhost:8080/webhooks/twilio/sms", parameters)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> signature.verify("/webhooks/twilio/sms", null, form(parameters),
        ProviderSigning.twilio(TOKEN, "http://localhost/webhooks/twilio/sms", parameters)))
        .isInstanceOf(WebhookSignatureException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=%zz", "a=%", "a=%E0%A4%A", "a={b}|c^d", "a=%00"})
  void aQueryThatIsNoValidUriIsSignedAsReceivedAndRefusedOnlyWhenItDoesNotMatch(String rawQuery) {
    // the query reaches the check as the client wrote it; a URI parser would refuse it with an exception
    Map<String, String> parameters = Map.of("From", "+14155550100");
    TwilioSignature signature = new TwilioSignature(TOKEN, "https://hooks.example.com");
    String signed = ProviderSigning.twilio(TOKEN, "https://hooks.example.com:443/webhooks/twilio/sms?" + rawQuery,
        parameters);

    assertThatCode(() -> signature.verify("/webhooks/twilio/sms", rawQuery, form(parameters), signed))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> signature.verify("/webhooks/twilio/sms", rawQuery, form(parameters), "x"))
        .isInstanceOf(WebhookSignatureException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void refusesAMissingSignature() {
    TwilioSignature signature = new TwilioSignature(TOKEN, "https://mycompany.com");

    assertThatThrownBy(() -> signature.verify("/myapp.php", null, form(example("+1")), " "))
        .isInstanceOf(WebhookSignatureException.class)
        .hasMessageContaining("no X-Twilio-Signature header");
  }

  @Test
  void refusesEveryRequestWithoutAnAuthTokenNamingTheProperty() {
    TwilioSignature signature = new TwilioSignature("  ", "https://mycompany.com");

    assertThatThrownBy(() -> signature.verify("/myapp.php", "foo=1&bar=2", form(example("+14158675310")),
        "GvWf1cFY/Q7PnoempGyD5oXAezc="))
        .isInstanceOf(WebhookNotConfiguredException.class)
        .hasMessageContaining("dnd.webhooks.twilio.auth-token");
  }

  @Test
  void refusesAPublicBaseUrlThatIsNotOne() {
    assertThatThrownBy(() -> new TwilioSignature(TOKEN, "dnd.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dnd.webhooks.public-base-url");
    assertThatThrownBy(() -> new TwilioSignature(TOKEN, "https://dnd.example.com/?x=1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void repeatedParametersAreSignedValueByValue() {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    parameters.put("MediaUrl", List.of("b", "a"));
    parameters.put("Body", List.of("x"));

    assertThat(TwilioSignature.sign(TOKEN, "https://x.example.com/p", parameters))
        .isEqualTo(ProviderSigning.twilio(TOKEN, "https://x.example.com/pBodyxMediaUrla", Map.of("MediaUrl", "b")));
  }

  private static Map<String, String> example(String caller) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("CallSid", "CA1234567890ABCDE");
    parameters.put("Caller", caller);
    parameters.put("Digits", "1234");
    parameters.put("From", caller);
    parameters.put("To", "+18005551212");
    return parameters;
  }

  private static Map<String, List<String>> form(Map<String, String> parameters) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    parameters.forEach((name, value) -> form.put(name, List.of(value)));
    return form;
  }
}
