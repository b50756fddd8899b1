package org.aftersaleshub.ops;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * {@code %wEx} and {@code %wex} in every log pattern of the hub (see logback-spring.xml): Spring Boot's stack trace,
 * with phone numbers in exception messages masked ({@link PersonalData}); a database error quoting the value it
 * refused is the usual way one gets there.
 */
public class MaskingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return PersonalData.mask(super.throwableProxyToString(tp));
    }
}
