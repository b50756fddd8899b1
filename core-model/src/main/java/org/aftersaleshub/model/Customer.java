package org.aftersaleshub.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A customer (客户).
 *
 * @param id          the hub's id
 * @param externalIds the customer's id per external system ({@code fxiaoke}, {@code salesforce}, {@code kingdee}),
 *                    the key CRM upserts use
 * @param tier        service tier (A/B/C or the CRM's own levels), used by SLA policies
 */
public record Customer(@NotBlank @Size(max = 64) String id, Map<String, String> externalIds,
                       @NotBlank @Size(max = 255) String name, @Valid List<Contact> contacts,
                       @Size(max = 64) String region, @Size(max = 32) String tier) {

    public Customer {
        externalIds = externalIds == null ? Map.of() : Map.copyOf(externalIds);
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }
}
