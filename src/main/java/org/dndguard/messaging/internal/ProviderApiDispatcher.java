package org.dndguard.messaging.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.dndguard.contact.Channel;
import org.dndguard.messaging.DispatchException;
import org.dndguard.messaging.MessageDispatcher;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * A dispatcher that sends through a provider's HTTP API the way Twilio and Mailgun take a message: a
 * form POSTed with HTTP Basic and answered with JSON. The request, and what its failure means for the
 * message ({@link ProviderErrors}: never sent again when it may have gone out), are written once here;
 * a provider's dispatcher builds the form and reads the answer and the refusals.
 */
public abstract class ProviderApiDispatcher implements MessageDispatcher {

  private final String provider;
  private final Set<Channel> channels;
  private final RestClient rest;

  /**
   * @param provider the provider's name as messages say it, e.g. {@code Twilio}; in lower case, the
   *     dispatcher's {@link #name()}
   * @param rest a client whose base URL is the provider's API
   */
  protected ProviderApiDispatcher(String provider, Set<Channel> channels, RestClient rest) {
    this.provider = provider;
    this.channels = Set.copyOf(channels);
    this.rest = rest;
  }

  @Override
  public String name() {
    return provider.toLowerCase(Locale.ROOT);
  }

  @Override
  public Set<Channel> channels() {
    return channels;
  }

  /**
   * POSTs the form to the provider.
   *
   * @param uri the path below the base URL, with one variable, e.g. {@code /v3/{domain}/messages}
   * @param refused what an HTTP error answer means; one that came with no usable answer is
   *     {@link ProviderErrors#ioFailure}'s
   * @return the provider's JSON answer; null when it was empty
   * @throws DispatchException when the message was not sent, or may not have been
   */
  protected JsonNode post(String uri, String uriVariable, String user, String password, MediaType contentType,
      MultiValueMap<String, ?> form, Function<RestClientResponseException, DispatchException> refused) {
    return ProviderErrors.call(provider, () -> rest.post()
        .uri(uri, uriVariable)
        .headers(headers -> headers.setBasicAuth(user, password))
        .contentType(contentType)
        .accept(MediaType.APPLICATION_JSON)
        .body(form)
        .retrieve()
        .body(JsonNode.class), refused);
  }
}
