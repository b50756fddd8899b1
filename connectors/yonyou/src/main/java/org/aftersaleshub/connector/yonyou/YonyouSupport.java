package org.aftersaleshub.connector.yonyou;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.auth.TokenCache;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.secret.SecretMasker;

/** What the U8 and YonBIP connectors do the same way with the answers and tokens of a Yonyou OpenAPI. */
public final class YonyouSupport {

    private YonyouSupport() {
    }

    /** A quantity as either API writes it: a JSON number or numeric text; missing, null or blank is zero. */
    public static BigDecimal decimal(JsonNode n) {
        if (n.isNumber()) {
            return n.decimalValue();
        }
        String t = n.asText("").trim();
        return t.isEmpty() ? BigDecimal.ZERO : new BigDecimal(t);
    }

    /**
     * The cached token for {@code key}, fetched once for all concurrent callers when needed. A fetch that failed
     * with a {@link ConnectorException} rethrows it unchanged (its outcome decides whether the call is repeated);
     * any other failure becomes a {@link Outcome#RETRYABLE} {@code "token: ..."} failure of {@code connector}, its
     * text passed through {@code masker}.
     */
    public static String token(String connector, TokenCache<String> tokens, TokenCache.Key key,
                               TokenCache.Fetcher<String> fetch, SecretMasker masker) {
        try {
            return tokens.get(key, fetch);
        } catch (TokenCache.TokenFetchException e) {
            if (e.getCause() instanceof ConnectorException ce) {
                throw ce;
            }
            throw new ConnectorException(connector, Outcome.RETRYABLE, "token: " + masker.mask(e.getMessage()));
        }
    }
}
