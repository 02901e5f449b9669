package org.dndguard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderSigningTest {

  /** The example of Twilio's webhook security guide and its code samples (auth token 12345). */
  @Test
  void twilioSignatureMatchesTwiliosPublishedExample() {
    assertThat(ProviderSigning.twilio("12345", "https://mycompany.com/myapp.php?foo=1&bar=2",
        twilioExampleParameters("+14158675310"))).isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
    // the older samples use another caller; same algorithm, another signature
    assertThat(ProviderSigning.twilio("12345", "https://mycompany.com/myapp.php?foo=1&bar=2",
        twilioExampleParameters("+14158675309"))).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  }

  /**
   * Mailgun publishes no example with its key (the signature in its docs is illustrative), so the
   * expected value was computed independently with Python's hmac module.
   */
  @Test
  void mailgunSignatureMatchesAnIndependentComputation() {
    assertThat(ProviderSigning.mailgun("key-3ax6xnjp29jd6fds4gc373sgvjxteol0", "1529006854",
        "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0"))
        .isEqualTo("b63c0701c4f4b614f272106a1b367c5c3369bcdca664ae73ebd52787e45eef07");
  }

  static Map<String, String> twilioExampleParameters(String caller) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("CallSid", "CA1234567890ABCDE");
    parameters.put("Caller", caller);
    parameters.put("Digits", "1234");
    parameters.put("From", caller);
    parameters.put("To", "+18005551212");
    return parameters;
  }
}
