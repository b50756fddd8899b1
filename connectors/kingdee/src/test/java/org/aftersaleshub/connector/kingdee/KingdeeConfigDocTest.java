package org.aftersaleshub.connector.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aftersaleshub.connector.config.ConfigDocs;
import org.junit.jupiter.api.Test;

/**
 * docs/connectors/kingdee.md is generated from {@link KingdeeConnectorConfig#CONFIG_DEF}; this test fails when the
 * committed page differs. Regenerate with
 * {@code ./mvnw -pl connectors/kingdee test -Dtest=KingdeeConfigDocTest -Dconfig-docs.write=true}.
 */
class KingdeeConfigDocTest {

    static final Path DOC = Path.of("../../docs/connectors/kingdee.md");

    static final String INTRO = """
            The Kingdee K/3 Cloud (金蝶云星空) WebAPI connector books one other-outbound document (`STK_MisDelivery`)
            per part usage and one compensating other-inbound document (`STK_Miscellaneous`) per return, answers
            real-time stock from `STK_Inventory`, and reads materials and warehouses. It is discovered with
            `ServiceLoader` (`org.aftersaleshub.connector.kingdee.KingdeeConnector`) and is also the Camel component
            `kingdee:` (`kingdee:deduct`, `kingdee:return`, `kingdee:stock`).

            **Idempotency.** The document number `FBillNo` is derived from the part-usage id: `<prefix>-<id>` when the
            id is upper-case letters, digits and `-` and fits 30 characters, else `<prefix>H` + 20 base32 characters of
            SHA-256(id). Every attempt queries the `FBillNo` before writing, so a timeout after the ERP committed, a
            lost session, a restart or a dead-letter replay never makes a second document. Save, Submit and Audit are
            separate calls (or `IsAutoSubmitAndAudit` followed by a status query); a partial failure is completed on
            the next delivery. A deduction that would make stock negative FAILS with Kingdee's message and is not
            retried.

            Validation runs in two stages: the parameters below, then a login (or a signed probe) within
            `kingdee.timeout-ms`, with failures attached to the key at fault. Secret values are shown as `****`
            everywhere.""";

    @Test
    void committedReferenceMatchesTheDeclaration() throws IOException {
        String generated = ConfigDocs.markdown(KingdeeConnectorConfig.CONFIG_DEF, "Kingdee K/3 Cloud connector", INTRO);
        if (Boolean.getBoolean("config-docs.write")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as("docs/connectors/kingdee.md exists; regenerate with -Dconfig-docs.write=true").exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/connectors/kingdee.md is out of date; regenerate with "
                        + "./mvnw -pl connectors/kingdee test -Dtest=KingdeeConfigDocTest -Dconfig-docs.write=true")
                .isEqualTo(generated);
    }
}
