package org.dndguard.contact.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dndguard.contact.AddressKind;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.InvalidDndInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressNormalizerTest {

  private final AddressNormalizer normalizer = new AddressNormalizer("US");

  @ParameterizedTest
  @ValueSource(strings = {"+14155550100", "+1 (415) 555-0100", "(415) 555-0100", "415.555.0100", "+1-415-555-0100"})
  void phoneNumbersBecomeE164(String number) {
    assertThat(normalizer.normalize(AddressKind.PHONE, number)).isEqualTo("+14155550100");
  }

  @Test
  void numbersOfOtherRegionsNeedTheirCountryCodeOrTheirRegion() {
    assertThat(normalizer.normalize(AddressKind.PHONE, "+44 20 7946 0958")).isEqualTo("+442079460958");
    assertThat(new AddressNormalizer("gb").normalize(AddressKind.PHONE, "020 7946 0958")).isEqualTo("+442079460958");
  }

  @Test
  void whatsAppNumbersLoseTheirPrefix() {
    assertThat(normalizer.normalize(AddressKind.WHATSAPP, "whatsapp:+1 415 555 0100")).isEqualTo("+14155550100");
  }

  @Test
  void emailAddressesBecomeLowerCase() {
    assertThat(normalizer.normalize(AddressKind.EMAIL, " Ann@Example.COM ")).isEqualTo("ann@example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"12", "not a number", "+1 415 555", "+999 1234567"})
  void malformedPhoneNumbersAreRefused(String number) {
    assertThatThrownBy(() -> normalizer.normalize(AddressKind.PHONE, number))
        .isInstanceOf(InvalidDndInputException.class)
        .hasMessageContaining("is not a valid phone number")
        .hasMessageContaining("E.164")
        .extracting(e -> ((InvalidDndInputException) e).field()).isEqualTo("phone");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ann", "ann@", "@example.com", "ann@example", "ann smith@example.com", "a@b@example.com"})
  void malformedEmailAddressesAreRefused(String address) {
    assertThatThrownBy(() -> normalizer.normalize(AddressKind.EMAIL, address))
        .isInstanceOf(InvalidDndInputException.class)
        .hasMessageContaining("is not a valid e-mail address");
  }

  @Test
  void blankAddressesAreAbsent() {
    ContactAddresses normalised = normalizer.normalize(new ContactAddresses(" ", null, "", null, null));

    assertThat(normalised.asMap()).isEmpty();
  }

  @Test
  void idsWithBlanksAreRefused() {
    assertThatThrownBy(() -> normalizer.normalize(AddressKind.FACEBOOK, "a b"))
        .isInstanceOf(InvalidDndInputException.class).hasMessageContaining("facebook");
  }

  @Test
  void anUnknownRegionIsRefused() {
    assertThatThrownBy(() -> new AddressNormalizer("XX"))
        .isInstanceOf(InvalidDndInputException.class).hasMessageContaining("two-letter ISO 3166");
  }
}
