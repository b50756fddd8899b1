package org.aftersaleshub.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP edge ({@code hub.api.*}).
 *
 * @param maxRequestBody largest request body accepted (Content-Length and streamed bytes both count); larger
 *                       bodies get 413. Default 256KB.
 */
@ConfigurationProperties("hub.api")
public record ApiWebProperties(DataSize maxRequestBody) {

    public ApiWebProperties {
        if (maxRequestBody == null) {
            maxRequestBody = DataSize.ofKilobytes(256);
        }
    }
}
