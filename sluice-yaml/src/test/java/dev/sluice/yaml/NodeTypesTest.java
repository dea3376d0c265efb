package dev.sluice.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Generator;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.SourceType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeTypesTest {
    /** A source type of any name. */
    private record Named(String name) implements SourceType {
        @Override
        public String description() {
            return "a type named " + name;
        }

        @Override
        public List<OptionSpec> options() {
            return List.of();
        }

        @Override
        public Generator<?> create(NodeOptions options) {
            return (ctx, out) -> {};
        }
    }

    @TempDir
    Path dir;

    @Test
    void aProviderThatCannotLoad_isReported_andTheOthersStillLoad() throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve("dev.sluice.nodetype.NodeType"), "com.example.MissingType\n");
        try (URLClassLoader plugins = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                NodeTypesTest.class.getClassLoader())) {
            NodeTypes types = NodeTypes.load(plugins);
            assertTrue(types.find("print").isPresent(), "the built-in types are still there");
            assertEquals(1, types.problems().size(), types.problems().toString());
            assertTrue(types.problems().get(0).contains("com.example.MissingType"), types.problems().toString());
        }
    }

    @Test
    void aMissingModule_isNamedOnlyWhenNoneOfItsTypesIsThere() {
        NodeTypes types = TestTypes.registry();
        assertEquals("sluice-avro", types.missingModule("avro.decode").orElseThrow());
        assertTrue(types.missingModule("test.parse").isEmpty());
        assertTrue(types.missingModule("nothing.known").isEmpty());
        NodeTypes withFiles = types.with(new Named("files.read"));
        assertTrue(withFiles.missingModule("files.raed").isEmpty(), "a typo of a present module's type");
    }
}
