package org.aftersaleshub.connector.wecom.connection;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.aftersaleshub.connector.wecom.connection.WeComCallbackException.Failure;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the XML of WeCom callbacks (docs/vendor-apis/wecom.md §4.4, §4.7) with a real parser that refuses any DOCTYPE,
 * so no entity — internal (billion laughs) or external (XXE) — is ever expanded, and resolves nothing from outside.
 * Callback XML is flat: {@code <xml><Field>value</Field>...</xml>}, values in CDATA or not.
 */
public final class WeComCallbackXml {

    private static final DocumentBuilderFactory FACTORY = factory();

    private WeComCallbackXml() {
    }

    /**
     * The root's child elements as name → text (the first of each name; a nested element gives its text content).
     *
     * @throws WeComCallbackException {@link Failure#PARSE_ERROR} for anything that is not well-formed XML without a
     *                                DOCTYPE
     */
    public static Map<String, String> fields(String xml) {
        Document doc = parse(xml);
        Map<String, String> out = new LinkedHashMap<>();
        NodeList children = doc.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n instanceof Element e) {
                out.putIfAbsent(e.getTagName(), e.getTextContent().trim());
            }
        }
        return out;
    }

    /**
     * The encrypted text of an event POST body: {@code <xml><Encrypt>…</Encrypt>…</xml>}, or the newer JSON form
     * {@code {"encrypt":"…"}} (docs/vendor-apis/wecom.md §4.4).
     *
     * @throws WeComCallbackException {@link Failure#PARSE_ERROR} when the body holds no encrypted text
     */
    public static String encryptedText(String body) {
        String trimmed = body == null ? "" : body.trim();
        String encrypt;
        if (trimmed.startsWith("{")) {
            encrypt = jsonEncrypt(trimmed);
        } else {
            encrypt = fields(trimmed).get("Encrypt");
        }
        if (encrypt == null || encrypt.isBlank()) {
            throw new WeComCallbackException(Failure.PARSE_ERROR, "the body has no Encrypt element");
        }
        return encrypt;
    }

    private static String jsonEncrypt(String json) {
        try {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            var encrypt = node == null ? null : node.get("encrypt");
            return encrypt == null || !encrypt.isTextual() ? null : encrypt.asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new WeComCallbackException(Failure.PARSE_ERROR, "the body is neither XML nor JSON");
        }
    }

    private static Document parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new WeComCallbackException(Failure.PARSE_ERROR, "the XML is empty");
        }
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(null); // no parser chatter on stderr; the exception says enough
            builder.setEntityResolver((publicId, systemId) -> {
                throw new org.xml.sax.SAXException("external entities are not resolved");
            });
            return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new WeComCallbackException(Failure.PARSE_ERROR, "the XML is not well-formed, or declares a DOCTYPE");
        }
    }

    private static DocumentBuilderFactory factory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be made safe", e);
        }
    }
}
