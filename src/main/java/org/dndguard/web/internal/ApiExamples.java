package org.dndguard.web.internal;

/**
 * Examples for the OpenAPI document. They are what the API really answers (the tests check the
 * members they show), so a reader can trust them.
 */
final class ApiExamples {

  private ApiExamples() {
  }

  static final String PROBLEM_JSON = "application/problem+json";

  static final String CONTACT_REQUEST = """
      {"phone": "+1 (415) 555-0100", "email": "Ann@Example.com"}""";

  static final String CONTACT = """
      {"id": "c-42", "phone": "+14155550100", "email": "ann@example.com", "whatsapp": null,
       "facebook": null, "gmb": null, "createdAt": "2026-11-27T08:00:00Z", "timeZone": null,
       "timeZonesInForce": ["America/Los_Angeles"], "timeZoneSource": "PHONE"}""";

  static final String NOTE = """
      {"note": "Asked by phone not to be texted"}""";

  static final String RECORD = """
      {"contactId": "c-42", "status": "PARTIAL",
       "channels": {
         "CALL": {"active": false, "blocked": false, "userMayClear": true, "reasons": []},
         "EMAIL": {"active": false, "blocked": false, "userMayClear": true, "reasons": []},
         "SMS": {"active": true, "blocked": true, "userMayClear": false, "reasons": [
           {"reason": "SMS_OPT_OUT", "kind": "PERMANENT", "since": "2026-11-27T08:00:00Z",
            "setBy": "the opt-out keyword STOP", "userMayClear": false,
            "howToLift": "only the contact can lift it, by texting START",
            "evidence": {"source": "TWILIO", "providerEventId": "SM0123456789abcdef0123456789abcdef",
                         "keyword": "STOP", "receivedAt": "2026-11-27T08:00:00Z"}}]},
         "WHATSAPP": {"active": false, "blocked": false, "userMayClear": true, "reasons": []},
         "FACEBOOK": {"active": false, "blocked": false, "userMayClear": true, "reasons": []},
         "GMB": {"active": false, "blocked": false, "userMayClear": true, "reasons": []},
         "ALL": {"active": false, "blocked": false, "userMayClear": true, "reasons": []}},
       "inbound": {
         "CALL": {"active": true, "blocked": true, "userMayClear": true, "reasons": [
           {"reason": "MANUAL", "kind": "MANUAL", "since": "2026-11-28T09:30:00Z", "setBy": "a user (demo)",
            "userMayClear": true, "howToLift": "a user may clear it",
            "evidence": {"source": "USER", "actor": "demo", "note": "Calls at night",
                         "receivedAt": "2026-11-28T09:30:00Z"}}]},
         "SMS": {"active": false, "blocked": false, "userMayClear": true, "reasons": []}}}""";

  static final String HISTORY = """
      {"contactId": "c-42", "page": 0, "size": 20, "total": 2, "totalPages": 1, "items": [
        {"id": 118, "action": "REFUSED", "target": "SMS", "reason": "SMS_OPT_OUT", "statusAfter": "PARTIAL",
         "message": "SMS DND for contact c-42 was set by the opt-out keyword STOP on 2026-11-27T08:00Z; only the contact can lift it, by texting START",
         "recordedAt": "2026-11-28T09:31:00Z",
         "evidence": {"source": "USER", "actor": "demo", "receivedAt": "2026-11-28T09:31:00Z"}},
        {"id": 97, "action": "SET", "target": "SMS", "reason": "SMS_OPT_OUT", "statusAfter": "PARTIAL",
         "addressKind": "PHONE", "address": "+14155550100", "recordedAt": "2026-11-27T08:00:00Z",
         "evidence": {"source": "TWILIO", "providerEventId": "SM0123456789abcdef0123456789abcdef",
                      "keyword": "STOP", "receivedAt": "2026-11-27T08:00:00Z"}}]}""";

  /** How every invalid-input problem begins; the examples below add what differs. */
  private static final String INVALID_INPUT = """
      {"type": "urn:dndguard:problem:invalid-input", "title": "Invalid input", "status": 400,
      """;

  static final String INVALID_CHANNEL = INVALID_INPUT + """
       "detail": "Unknown channel 'FAX'; valid channels are CALL, EMAIL, SMS, WHATSAPP, FACEBOOK, GMB and ALL",
       "instance": "/api/contacts/c-42/dnd/channels/FAX", "field": "channel",
       "validValues": ["CALL", "EMAIL", "SMS", "WHATSAPP", "FACEBOOK", "GMB", "ALL"]}""";

  static final String INVALID_INBOUND_CHANNEL = INVALID_INPUT + """
       "detail": "Unknown inbound channel 'EMAIL'; inbound DND exists for CALL and SMS only",
       "instance": "/api/contacts/c-42/dnd/inbound/EMAIL", "field": "channel", "validValues": ["CALL", "SMS"]}""";

  static final String INVALID_PHONE = INVALID_INPUT + """
       "detail": "'12' is not a valid phone number; write it in E.164 (e.g. +14155550100) or as a number of region US",
       "instance": "/api/contacts/c-42", "field": "phone"}""";

  static final String INVALID_PAGE_SIZE = INVALID_INPUT + """
       "detail": "Query parameter 'size' must be at most 100; it was 500",
       "instance": "/api/contacts/c-42/dnd/history", "field": "size"}""";

  static final String INVALID_MESSAGE = INVALID_INPUT + """
       "detail": "An e-mail needs a subject; give one (the 'subject' field, or the 'subject' input parameter of the step)",
       "instance": "/api/contacts/c-42/messages", "field": "subject"}""";

  static final String CONTACT_NOT_FOUND = """
      {"type": "urn:dndguard:problem:contact-not-found", "title": "Contact not found", "status": 404,
       "detail": "Contact c-42 is not registered with DND Guard; register it first with PUT /api/contacts/c-42 (or ContactService.register)",
       "instance": "/api/contacts/c-42/dnd", "contactId": "c-42"}""";

  static final String REFUSED = """
      {"type": "urn:dndguard:problem:dnd-change-refused", "title": "DND change refused", "status": 409,
       "detail": "SMS DND for contact c-42 was set by the opt-out keyword STOP on 2026-11-27T08:00Z; only the contact can lift it, by texting START",
       "instance": "/api/contacts/c-42/dnd/channels/SMS", "contactId": "c-42", "channel": "SMS",
       "reason": "SMS_OPT_OUT", "kind": "PERMANENT", "setBy": "the opt-out keyword STOP",
       "since": "2026-11-27T08:00:00Z", "howToLift": "only the contact can lift it, by texting START"}""";

  static final String MESSAGE = """
      {"id": 1207, "contactId": "c-42", "channel": "SMS", "recipient": "+14155550100", "subject": null,
       "body": "Your table is ready.\\nReply STOP to unsubscribe.", "encoding": "GSM_7", "segments": 1,
       "compliance": "ADDED", "origin": "MANUAL", "actor": "demo", "processInstanceId": null, "activityId": null,
       "status": "PENDING", "attempts": 0, "nextAttemptAt": "2026-11-28T09:30:00Z", "provider": null,
       "providerMessageId": null, "dndReason": null, "detail": null, "createdAt": "2026-11-28T09:30:00Z",
       "updatedAt": "2026-11-28T09:30:00Z", "sentAt": null, "topic": null, "heldUntil": null, "limit": "LIMITED"}""";

  static final String CHANNEL_IN_DND = """
      {"type": "urn:dndguard:problem:channel-in-dnd", "title": "Channel in DND", "status": 409,
       "detail": "SMS message to contact c-42 not queued: SMS DND for contact c-42 was set by the opt-out keyword STOP on 2026-11-27T08:00Z; only the contact can lift it, by texting START",
       "instance": "/api/contacts/c-42/messages", "contactId": "c-42", "channel": "SMS", "target": "SMS",
       "reason": "SMS_OPT_OUT", "userMayClear": false}""";

  static final String TOPIC_LEFT = """
      {"type": "urn:dndguard:problem:topic-left", "title": "Contact left the topic", "status": 409,
       "detail": "SMS message to contact c-42 not queued: the contact left the topic promotions on 2026-11-28T09:30:00Z (a user (demo)); a user may rejoin it with DELETE /api/contacts/c-42/dnd/topics/promotions",
       "instance": "/api/contacts/c-42/messages", "contactId": "c-42", "channel": "SMS", "topic": "promotions",
       "reason": "MANUAL", "userMayClear": true}""";

  static final String MISSING_ADDRESS = """
      {"type": "urn:dndguard:problem:missing-address", "title": "No address for the channel", "status": 422,
       "detail": "Contact c-42 has no WhatsApp number, which WHATSAPP messages go to; add it with PUT /api/contacts/c-42 (field \\"whatsapp\\") or ContactService.register",
       "instance": "/api/contacts/c-42/messages", "contactId": "c-42", "channel": "WHATSAPP"}""";

  static final String NO_PROVIDER = """
      {"type": "urn:dndguard:problem:no-provider", "title": "No provider for the channel", "status": 422,
       "detail": "No provider sends EMAIL messages: set dnd.messaging.mailgun.api-key (with domain and from) to send e-mail through Mailgun, or set dnd.messaging.dispatch.log-only=true to only log them (status LOGGED, never sent)",
       "instance": "/api/contacts/c-42/messages", "contactId": "c-42", "channel": "EMAIL",
       "property": "dnd.messaging.mailgun.api-key"}""";

  static final String PERMISSION_MISSING = """
      {"type": "urn:dndguard:problem:permission-missing", "title": "Permission missing", "status": 403,
       "detail": "User ann lacks the DND Guard permission CHANGE; the Camunda groups that grant it are:\
       camunda-admin, dndOperators (dnd.authorization.*-groups). Ask an administrator to add the user to one of them.",
       "instance": "/api/contacts/c-42/dnd/channels/SMS", "permission": "CHANGE", "user": "ann",
       "grantingGroups": ["camunda-admin", "dndOperators"]}""";

  static final String UNAUTHORIZED = """
      {"type": "urn:dndguard:problem:unauthorized", "title": "Unauthorized", "status": 401,
       "detail": "This API needs HTTP Basic authentication with a Camunda user (one that Cockpit knows)",
       "instance": "/api/contacts/c-42"}""";

  static final String REQUEST_TOO_LARGE = """
      {"type": "urn:dndguard:problem:request-too-large", "title": "Request body too large", "status": 413,
       "detail": "The request body is larger than 65536 bytes, the most DND Guard's API accepts (dnd.api.max-body-size);\
       its requests are far smaller. The request changed nothing.",
       "instance": "/api/contacts/c-42", "limit": 65536}""";

  static final String JSON_REQUIRED = """
      {"type": "urn:dndguard:problem:unsupported-media-type", "title": "JSON content type required", "status": 415,
       "detail": "A POST to DND Guard's API must carry Content-Type: application/json, also when it has no body: a\
       browser sends other content types from any web site without asking (no CORS preflight), with the credentials\
       it has cached. The request changed nothing.",
       "instance": "/api/contacts/c-42/messages"}""";

  static final String INTERNAL_ERROR = """
      {"type": "urn:dndguard:problem:internal-server-error", "title": "Internal Server Error", "status": 500,
       "detail": "DND Guard could not complete the request; the server log has the cause under error id 3f1c9a2e-1b7d-4c55-9a0e-2d6f8b7c4e10",
       "instance": "/api/contacts/c-42/dnd", "errorId": "3f1c9a2e-1b7d-4c55-9a0e-2d6f8b7c4e10"}""";
}
