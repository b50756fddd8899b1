package org.aftersaleshub.masterdata;

import java.util.List;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.springframework.stereotype.Component;

/**
 * The connector instances a part's or warehouse's ERP code may name: those this hub started (declared under
 * {@code hub.connectors} and enabled) that book stock — Kingdee, U8 and YonBIP instances.
 */
@Component
public class ErpInstanceNames {

    private final ConnectorInstances instances;

    public ErpInstanceNames(ConnectorInstances instances) {
        this.instances = instances;
    }

    public List<String> all() {
        return instances.all().stream()
                .filter(i -> i.connector().capabilities().contains(Capability.STOCK_DEDUCTION))
                .map(ConnectorInstances.Instance::name).sorted().toList();
    }

    public boolean known(String name) {
        return all().contains(name);
    }

    /** Adds a violation to {@code rules} when {@code instance} is not one of {@link #all()}. */
    public void check(Rules rules, String field, String instance) {
        if (!known(instance)) {
            rules.add(field, "enum:" + all(), "ERP实例 " + instance + " 未配置，可用：" + all(),
                    "'" + instance + "' is not an ERP connector instance of this hub; declared: " + all());
        }
    }
}
