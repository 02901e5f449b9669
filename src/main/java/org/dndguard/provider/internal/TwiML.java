package org.dndguard.provider.internal;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** The TwiML documents the Twilio webhooks answer with. */
public final class TwiML {

  public static final String CONTENT_TYPE = "text/xml;charset=UTF-8";

  private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

  private final String document;

  private TwiML(String verbs) {
    this.document = PROLOG + "<Response>" + verbs + "</Response>";
  }

  /** An empty response: Twilio does nothing more. */
  public static TwiML empty() {
    return new TwiML("");
  }

  /** Answers a text with one message; a blank text answers nothing. */
  public static TwiML message(String text) {
    return text == null || text.isBlank() ? empty() : new TwiML("<Message>" + escape(text.trim()) + "</Message>");
  }

  /** Rejects a call: the caller hears busy and is not charged for a connected call. */
  public static TwiML reject() {
    return new TwiML("<Reject/>");
  }

  /**
   * TwiML verbs an operator configured, checked once at start.
   *
   * @param property the property the verbs come from, for the error message
   * @throws IllegalArgumentException naming the property when the verbs are not well-formed XML
   */
  public static TwiML verbs(String verbs, String property) {
    String body = verbs == null ? "" : verbs.trim();
    TwiML twiml = new TwiML(body);
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // configured text, but parse it as untrusted anyway: no DTDs, no external entities
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      var builder = factory.newDocumentBuilder();
      // report through the exception only, not to standard error as the default handler does
      builder.setErrorHandler(new DefaultHandler() {
        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }
      });
      builder.parse(new InputSource(new StringReader(twiml.document)));
    } catch (SAXException e) {
      throw new IllegalArgumentException(property + " is not well-formed TwiML: " + e.getMessage()
          + "; give the verbs without <Response>, e.g. <Say>Thank you for calling.</Say>", e);
    } catch (ParserConfigurationException | IOException e) {
      throw new IllegalStateException("Could not check " + property, e);
    }
    return twiml;
  }

  /** The XML document. */
  public String document() {
    return document;
  }

  @Override
  public String toString() {
    return document;
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          // characters XML 1.0 cannot carry at all are dropped rather than break the document
          if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
              || c >= 0x10000) {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }
}
