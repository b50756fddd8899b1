package org.aftersaleshub.ops;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %m}, {@code %msg} and {@code %message} in every log pattern of the hub (see logback-spring.xml): the
 * message with phone numbers masked ({@link PersonalData}).
 */
public class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PersonalData.mask(super.convert(event));
    }
}
