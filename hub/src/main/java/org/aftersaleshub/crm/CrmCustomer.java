package org.aftersaleshub.crm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.aftersaleshub.connector.crm.CrmRecord;

/**
 * The CRM-owned fields of one customer as the CRM holds them: its record id, name, phone, address and contacts, and
 * the record's last_modified_time. {@link #hash()} identifies the version: a record that comes back (callback, poll)
 * with the hash the hub holds in {@code customer.crm_hash} brings nothing new — the hub's own write, or a change
 * already applied.
 */
public record CrmCustomer(String crmId, String externalKey, String name, String phone, String address,
                          List<CrmContact> contacts, long modifiedAt) {

    /** One contact as the CRM holds it. */
    public record CrmContact(String name, String phone) {
    }

    public CrmCustomer {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    /** The customer fields of an account record and its contacts, by the configured field names. */
    static CrmCustomer of(CrmRecord account, List<CrmRecord> contacts, CrmProperties p) {
        List<CrmContact> cs = contacts.stream().map(c -> new CrmContact(blankToNull(c.text(p.contactNameField())),
                blankToNull(c.text(p.contactPhoneField())))).filter(c -> c.name() != null).toList();
        return new CrmCustomer(account.id(), blankToNull(account.text(p.externalKeyField())),
                text(account, p.field("name")), text(account, p.field("phone")), text(account, p.field("address")),
                cs, account.lastModified());
    }

    /** SHA-256 over the CRM-owned fields (record id, name, phone, address, contacts in the CRM's order). */
    public String hash() {
        StringBuilder b = new StringBuilder();
        b.append(nz(crmId)).append('\u001f').append(nz(name)).append('\u001f').append(nz(phone)).append('\u001f')
                .append(nz(address));
        for (CrmContact c : contacts) {
            b.append('\u001e').append(nz(c.name())).append('\u001f').append(nz(c.phone()));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(CrmRecord r, String field) {
        return field == null ? null : blankToNull(r.text(field));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
