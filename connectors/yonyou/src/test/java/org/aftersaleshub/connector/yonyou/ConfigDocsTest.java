package org.aftersaleshub.connector.yonyou;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.config.ConfigDocs;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.yonyou.u8.U8Connector;
import org.aftersaleshub.connector.yonyou.u8.U8Endpoint;
import org.aftersaleshub.connector.yonyou.yonbip.YonBipConnector;
import org.aftersaleshub.connector.yonyou.yonbip.YonBipEndpoint;
import org.apache.camel.spi.UriParam;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The configuration reference under {@code docs/connectors/} is generated from each connector's ConfigDef, and the
 * Camel endpoint options mirror the same declaration. Run with {@code -Ddocs.write=true} to regenerate the pages.
 */
class ConfigDocsTest {

    static Stream<Arguments> connectors() {
        return Stream.of(
                Arguments.of(new U8Connector(), U8Endpoint.class, "u8.md", "Yonyou U8 OpenAPI connector", DocIntros.U8),
                Arguments.of(new YonBipConnector(), YonBipEndpoint.class, "yonbip.md", "Yonyou YonBIP OpenAPI connector",
                        DocIntros.YONBIP));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("connectors")
    void generatedReferenceIsUpToDate(HubConnector c, Class<?> endpoint, String file, String title, String intro)
            throws IOException {
        String expected = ConfigDocs.markdown(c.configDef(), title, intro);
        Path page = docsDir().resolve(file);
        if (Boolean.getBoolean("docs.write")) {
            Files.writeString(page, expected, StandardCharsets.UTF_8);
        }
        assertThat(page).as("regenerate with -Ddocs.write=true").exists();
        assertThat(Files.readString(page, StandardCharsets.UTF_8)).as(page + " is generated from the ConfigDef; "
                + "regenerate with -Ddocs.write=true").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("connectors")
    void camelOptionsMirrorTheConfigKeysOneToOne(HubConnector c, Class<?> endpoint, String file) {
        Map<String, UriParam> options = Arrays.stream(endpoint.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(UriParam.class))
                .collect(Collectors.toMap(Field::getName, f -> f.getAnnotation(UriParam.class)));
        assertThat(options.keySet()).containsExactlyInAnyOrderElementsOf(
                c.configDef().keys().stream().map(ConnectorEndpoint::optionOf).toList());
        for (ConfigKey k : c.configDef().keys()) {
            UriParam p = options.get(ConnectorEndpoint.optionOf(k));
            assertThat(p.secret()).as(k.name() + " secret flag").isEqualTo(k.secret());
            assertThat(p.description()).as(k.name() + " description").isEqualTo(k.description());
            assertThat(p.defaultValue()).as(k.name() + " default").isEqualTo(k.defaultValue() == null ? ""
                    : k.defaultValue());
            assertThat(ConnectorEndpoint.keyOf(c.configDef().prefix(), ConnectorEndpoint.optionOf(k)))
                    .isEqualTo(k.name());
        }
    }

    private static Path docsDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root with docs/").isNotNull();
        return dir.resolve("docs/connectors");
    }
}
