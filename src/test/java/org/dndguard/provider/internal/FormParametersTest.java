package org.dndguard.provider.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormParametersTest {

  @Test
  void decodesNamesAndValuesKeepingRepeatsAndEmptyValues() {
    FormParameters form = parse("Body=Stop%21+now&From=%2B14155550100&MediaUrl=a&MediaUrl=b&Empty=&Flag");

    assertThat(form.get("Body")).isEqualTo("Stop! now");
    assertThat(form.get("From")).isEqualTo("+14155550100");
    assertThat(form.asMap().get("MediaUrl")).containsExactly("a", "b");
    assertThat(form.get("Empty")).isEmpty();
    assertThat(form.get("Flag")).isEmpty();
    assertThat(form.asMap().keySet()).containsExactly("Body", "From", "MediaUrl", "Empty", "Flag");
  }

  @Test
  void aMissingParameterIsNamed() {
    assertThatThrownBy(() -> parse("Body=hi").require("From", "inbound message"))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("From is missing")
        .extracting(e -> ((MalformedWebhookException) e).field()).isEqualTo("From");
  }

  @Test
  void aBrokenEscapeIsMalformed() {
    assertThatThrownBy(() -> parse("Body=%ZZ"))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("not form-encoded");
  }

  @Test
  void anEmptyBodyHasNoParameters() {
    assertThat(parse("").asMap()).isEmpty();
    assertThat(FormParameters.parse("a=1".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).asMap())
        .containsEntry("a", List.of("1"));
  }

  private static FormParameters parse(String body) {
    return FormParameters.parse(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
