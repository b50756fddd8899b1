package org.aftersaleshub.crm;

import java.util.List;
import java.util.Optional;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.crm.CrmConnector;
import org.springframework.stereotype.Component;

/**
 * The CRM connector instance the customer flows use: {@code hub.crm.instance}, or the one declared instance whose
 * connector is a {@link CrmConnector}. A named instance that is not declared, or not a CRM, stops the start.
 */
@Component
public class CrmInstance {

    /** A resolved instance: its name and type (the endpoint {@code <type>:<name>}) and its SPI. */
    public record Resolved(String name, String type, CrmConnector crm) {
    }

    private final Resolved resolved;

    public CrmInstance(ConnectorInstances instances, CrmProperties props) {
        if (!props.instance().isEmpty()) {
            ConnectorInstances.Instance i = instances.get(props.instance()).orElseThrow(() ->
                    new IllegalStateException("hub.crm.instance names " + props.instance() + ", which is not a "
                            + "declared (and enabled) connector instance; declare it under hub.connectors."
                            + props.instance() + " (type fxiaoke), or leave the key empty to use the only CRM "
                            + "instance; declared: " + instances.names()));
            CrmConnector crm = i.connector().as(CrmConnector.class).orElseThrow(() -> new IllegalStateException(
                    "hub.crm.instance names " + i.name() + ", a " + i.type() + " instance; it must be a CRM "
                    + "instance (type fxiaoke)"));
            resolved = new Resolved(i.name(), i.type(), crm);
        } else {
            List<ConnectorInstances.Instance> crms = instances.all().stream()
                    .filter(i -> i.connector().as(CrmConnector.class).isPresent()).toList();
            if (crms.size() > 1) {
                throw new IllegalStateException("hub.crm.instance is empty but " + crms.size() + " CRM instances are "
                        + "declared (" + crms.stream().map(ConnectorInstances.Instance::name).toList() + "); name "
                        + "the one the customer sync uses");
            }
            resolved = crms.isEmpty() ? null : new Resolved(crms.get(0).name(), crms.get(0).type(),
                    crms.get(0).connector().as(CrmConnector.class).orElseThrow());
        }
    }

    /** The instance, or empty when no CRM is declared (the flows then do nothing). */
    public Optional<Resolved> get() {
        return Optional.ofNullable(resolved);
    }

    /** The instance by name, when it is the one the flows use. */
    public Optional<Resolved> named(String name) {
        return get().filter(r -> r.name().equals(name));
    }
}
