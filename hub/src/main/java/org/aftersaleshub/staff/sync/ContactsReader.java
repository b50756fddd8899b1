package org.aftersaleshub.staff.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.dingtalk.DingTalkDirectory;
import org.aftersaleshub.connector.wecom.WeComConnector;
import org.aftersaleshub.connector.wecom.WeComDepartment;
import org.aftersaleshub.connector.wecom.WeComDirectory;
import org.aftersaleshub.connector.wecom.WeComMember;
import org.springframework.stereotype.Component;

/**
 * Reads a connector instance's contacts into a {@link ContactsSnapshot}: DingTalk through {@link DingTalkDirectory}
 * (docs/vendor-apis/dingtalk.md §12), WeCom through {@link WeComDirectory} (docs/vendor-apis/wecom.md §9).
 */
@Component
public class ContactsReader {

    /** An instance the sync can read, and its platform. */
    public record Source(String instance, ImPlatform platform, HubConnector connector) {
    }

    private final ConnectorInstances instances;

    public ContactsReader(ConnectorInstances instances) {
        this.instances = instances;
    }

    /** The instance as a contacts source; empty when it is not declared or is no IM connector. */
    public Optional<Source> source(String instance) {
        return instances.get(instance).flatMap(i -> {
            HubConnector c = i.connector();
            if (c.as(DingTalkDirectory.class).isPresent()) {
                return Optional.of(new Source(instance, ImPlatform.DINGTALK, c));
            }
            if (c.as(WeComConnector.class).isPresent()) {
                return Optional.of(new Source(instance, ImPlatform.WECOM, c));
            }
            return Optional.empty();
        });
    }

    /** The names of every declared instance the sync can read. */
    public List<String> syncable() {
        return instances.names().stream().filter(n -> source(n).isPresent()).toList();
    }

    /** Reads everything now; a failed call throws (the sync then changes nothing). */
    public ContactsSnapshot read(Source source) {
        return source.platform() == ImPlatform.DINGTALK
                ? dingTalk(source.connector().as(DingTalkDirectory.class).orElseThrow())
                : weCom(source.connector().as(WeComConnector.class).orElseThrow().directory());
    }

    static ContactsSnapshot dingTalk(DingTalkDirectory dir) {
        List<ContactsSnapshot.Department> depts = new ArrayList<>();
        Map<String, ContactsSnapshot.Member> members = new LinkedHashMap<>();
        // departments() walks the tree once; users() would walk it again, so members are read per department here
        for (DingTalkDirectory.Department d : dir.departments()) {
            depts.add(new ContactsSnapshot.Department(d.id(), d.name(), d.parentId(), d.leaderUserIds()));
            for (DingTalkDirectory.User u : dir.usersOf(d.id())) {
                ContactsSnapshot.Member seen = members.get(u.userId());
                Set<Long> leaderOf = new LinkedHashSet<>(u.leaderOf());
                if (seen != null) {
                    leaderOf.addAll(seen.leaderOf());
                }
                List<Long> ids = u.departmentIds().isEmpty() ? List.of(d.id()) : u.departmentIds();
                // DingTalk lists no main department: the first of dept_id_list stands for it
                members.put(u.userId(), new ContactsSnapshot.Member(u.userId(), u.name(), u.mobile(), u.title(),
                        ids, ids.get(0), leaderOf, true));
            }
        }
        return new ContactsSnapshot(depts, List.copyOf(members.values()));
    }

    static ContactsSnapshot weCom(WeComDirectory dir) {
        List<ContactsSnapshot.Department> depts = new ArrayList<>();
        for (WeComDepartment d : dir.departments()) {
            depts.add(new ContactsSnapshot.Department(d.id(), d.name(), d.parentId(), d.leaders()));
        }
        List<ContactsSnapshot.Member> members = new ArrayList<>();
        for (WeComMember m : dir.members()) {
            long main = m.mainDepartment() != 0 ? m.mainDepartment()
                    : m.departments().isEmpty() ? 0 : m.departments().get(0);
            // disabled (2) and quit (5) members are still listed by some calls; they are gone for the hub
            boolean employed = m.status() != WeComMember.Status.DISABLED && m.status() != WeComMember.Status.QUIT;
            members.add(new ContactsSnapshot.Member(m.userId(), m.name(), m.mobile().orElse(null), m.position(),
                    m.departments(), main, new LinkedHashSet<>(m.leaderOf()), employed));
        }
        return new ContactsSnapshot(depts, members);
    }
}
