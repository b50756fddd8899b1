package org.aftersaleshub.connectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.HubConnectors;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.stock.MasterDataBookings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/connectors} (admin): every connector instance with its type, capabilities and operations, the
 * result of its validation and last connectivity check, its credential's expiry and last refresh (never the
 * credential), its rate budget and the warehouses the master data books in it. {@code ?check=true} runs the
 * connectivity checks now.
 */
@RestController
@Tag(name = "Connectors", description = "Connector instances and their state (admin)")
public class ConnectorsController {

    /** One connector instance as operators see it. */
    public record InstanceView(String name, String type, List<Capability> capabilities, List<String> operations,
                               String configuredAt, List<ConfigProblem> validation, Connectivity connectivity,
                               Credential credential, RateBudget rateBudget, List<String> warehouses) {
    }

    /** @param status REACHABLE, UNREACHABLE or UNCHECKED */
    public record Connectivity(String status, Instant checkedAt, List<ConfigProblem> problems) {
    }

    public record Credential(Instant expiresAt, Instant lastRefresh, long refreshes) {
    }

    public record RateBudget(int requestsPerSecond, int permitsLeftThisSecond) {
    }

    public record Listing(List<InstanceView> instances, List<String> installedTypes) {
    }

    private final ConnectorInstances instances;
    private final ConnectorStates states;
    private final MasterDataBookings bookings;

    public ConnectorsController(ConnectorInstances instances, ConnectorStates states, MasterDataBookings bookings) {
        this.instances = instances;
        this.states = states;
        this.bookings = bookings;
    }

    @GetMapping("/api/v1/connectors")
    @Operation(summary = "Connector instances: type, validation, connectivity, token expiry, rate-budget use")
    public Listing list(@RequestParam(defaultValue = "false") boolean check) {
        List<InstanceView> out = instances.all().stream().map(i -> view(i, check)).toList();
        return new Listing(out, HubConnectors.discover().stream().map(HubConnector::name).sorted().toList());
    }

    private InstanceView view(ConnectorInstances.Instance i, boolean check) {
        HubConnector c = i.connector();
        ConnectorStates.State s = check ? states.recheck(i.name()) : states.of(i.name());
        Connectivity connectivity = s == null || s.reachable() == null ? new Connectivity("UNCHECKED", null, List.of())
                : new Connectivity(s.reachable() ? "REACHABLE" : "UNREACHABLE", s.checkedAt(), s.connectivity());
        ApiCaller.Status call = c.callStatus().orElse(null);
        return new InstanceView(i.name(), i.type(), List.copyOf(c.capabilities()),
                c.operations().stream().map(org.aftersaleshub.connector.operation.Operation::name).toList(),
                s == null ? null : s.origin(), s == null ? List.of() : s.validation(), connectivity,
                call == null ? null : new Credential(call.credentialExpiresAt(), call.lastCredentialRefresh(),
                        call.credentialRefreshes()),
                call == null ? null : new RateBudget(call.requestsPerSecond(), call.permitsLeftThisSecond()),
                bookings.warehousesOf(i.name()));
    }
}
