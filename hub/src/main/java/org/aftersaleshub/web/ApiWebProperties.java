package org.aftersaleshub.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP edge ({@code hub.api.*}).
 *
 * @param maxRequestBody largest request body accepted (Content-Length and streamed bytes both count); larger
 *                       bodies get 413. Default 256KB.
 * @param writeConcurrency API writes served at once, the others waiting their turn ({@link WriteConcurrencyLimit}).
 *                         Default twice the cores.
 */
@ConfigurationProperties("hub.api")
public record ApiWebProperties(DataSize maxRequestBody, Integer writeConcurrency) {

    public ApiWebProperties {
        if (writeConcurrency == null || writeConcurrency < 1) {
            writeConcurrency = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
        }
        if (maxRequestBody == null) {
            maxRequestBody = DataSize.ofKilobytes(256);
        }
    }
}
