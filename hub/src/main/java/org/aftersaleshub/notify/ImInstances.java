package org.aftersaleshub.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.staff.PreferredChannel;
import org.springframework.stereotype.Component;

/**
 * Which connector instance sends on each channel: {@code hub.notify.dingtalk-instance} /
 * {@code wecom-instance}, or the one declared instance of the type when the key is empty. A key naming an instance
 * that is not declared, or one of another type, stops the start with the key and the fix.
 */
@Component
public class ImInstances {

    private final ConnectorInstances instances;
    private final NotifyProperties props;

    public ImInstances(ConnectorInstances instances, NotifyProperties props) {
        this.instances = instances;
        this.props = props;
        List<String> problems = new ArrayList<>();
        check("hub.notify.dingtalk-instance", props.dingtalkInstance(), "dingtalk", problems);
        check("hub.notify.wecom-instance", props.wecomInstance(), "wecom", problems);
        for (int i = 0; i < props.itTargets().size(); i++) {
            checkTarget("hub.notify.it-targets[" + i + "]", props.itTargets().get(i), problems);
        }
        props.warehouseTargets().forEach((wh, t) -> checkTarget("hub.notify.warehouse-targets." + wh, t, problems));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid notification configuration:\n  " + String.join("\n  ", problems));
        }
    }

    private void check(String key, String name, String type, List<String> problems) {
        if (name.isEmpty()) {
            return;
        }
        Optional<ConnectorInstances.Instance> i = instances.get(name);
        if (i.isEmpty()) {
            problems.add(key + " names " + name + ", which is not a declared (and enabled) connector instance; "
                    + "declare it under hub.connectors." + name + " (type " + type + "), or leave the key empty to "
                    + "use the only " + type + " instance; declared: " + instances.names());
        } else if (!i.get().type().equals(type)) {
            problems.add(key + " names " + name + ", a " + i.get().type() + " instance; it must be a " + type
                    + " instance");
        }
    }

    private void checkTarget(String key, NotifyProperties.GroupTarget t, List<String> problems) {
        if (t.channel() == null || t.channel() == PreferredChannel.NONE) {
            problems.add(key + ".channel must be DINGTALK or WECOM");
            return;
        }
        if (t.robot().isEmpty() == t.users().isEmpty()) {
            problems.add(key + " needs either robot (a robot name of the instance) or users (platform user ids)");
        }
        check(key + ".instance", t.instance(), type(t.channel()), problems);
    }

    static String type(PreferredChannel channel) {
        return channel == PreferredChannel.DINGTALK ? "dingtalk" : "wecom";
    }

    /** The instance sending on {@code channel}, or empty when none is configured or declared. */
    public Optional<String> forChannel(PreferredChannel channel) {
        if (channel == null || channel == PreferredChannel.NONE) {
            return Optional.empty();
        }
        String configured = channel == PreferredChannel.DINGTALK ? props.dingtalkInstance() : props.wecomInstance();
        if (!configured.isEmpty()) {
            return Optional.of(configured);
        }
        List<String> ofType = instances.all().stream().filter(i -> i.type().equals(type(channel)))
                .map(ConnectorInstances.Instance::name).toList();
        return ofType.size() == 1 ? Optional.of(ofType.get(0)) : Optional.empty();
    }

    /** The instance of a group target: its own, else the channel's. */
    public Optional<String> forTarget(NotifyProperties.GroupTarget t) {
        return t.instance().isEmpty() ? forChannel(t.channel()) : Optional.of(t.instance());
    }

    /** The configuration key that decides the channel's instance, for messages. */
    static String keyOf(PreferredChannel channel) {
        return channel == PreferredChannel.DINGTALK ? "hub.notify.dingtalk-instance" : "hub.notify.wecom-instance";
    }
}
