package dev.sluice.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Emitter;
import dev.sluice.Processor;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.nodetype.ProcessorType;
import dev.sluice.nodetype.SinkType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeTypeKitTest {
    /** The plugin of the javadoc of AbstractNodeType. */
    static final class Shout extends AbstractNodeType implements ProcessorType {
        Shout() {
            super("text.shout", "upper-cases each item",
                    OptionSpec.optional("suffix", OptionType.STRING, "!", "appended to each item"));
        }

        @Override
        public Processor<Object, ?> create(NodeOptions o) {
            String suffix = o.string("suffix");
            return (item, out) -> out.emit(item.toString().toUpperCase() + suffix);
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return Set.of(ItemType.TEXT);
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.TEXT;
        }
    }

    @Test
    void aWellMadeType_passes_andRunsOnTheEngine() throws Exception {
        assertEquals(List.of("A?", "B?"), NodeTypeKit.of(new Shout()).option("suffix", "?").input("a", "b").check());
        assertEquals(List.of("C!"), NodeTypeKit.of(new Shout()).input("c").run(), "the default");
    }

    @Test
    void aDeclarationThatBreaksTheContract_isListedWhole() {
        var broken = new AbstractNodeType("Bad_Name", "two\nlines",
                OptionSpec.optional("n", OptionType.INT, "many", "a number"),
                OptionSpec.optional("n", OptionType.INT, "5", "again").between(1, 3)) {};
        class Broken extends AbstractNodeType implements SinkType {
            Broken() {
                super(broken.name(), broken.description(), broken.options());
            }

            @Override
            public Processor<Object, Void> create(NodeOptions o) {
                return (item, out) -> {};
            }

            @Override
            public ItemType produces(NodeOptions o) {
                return ItemType.ROW;
            }
        }
        AssertionError e = assertThrows(AssertionError.class, () -> NodeTypeKit.of(new Broken()).option("n", 2)
                .checkDeclaration());
        assertEquals("""
                Bad_Name breaks the node-type contract:
                  the name 'Bad_Name' is not lowercase words joined by dots (kafka.read)
                  the description is not one line of text
                  the default of 'n' is not a whole number: many
                  two options are called 'n'
                  the default of 'n' is not 1 to 3: 5
                  a sink emits nothing, but it declares rows""", e.getMessage());
    }

    @Test
    void outputsOfAnotherTypeThanDeclared_areCaught() {
        class Liar extends AbstractNodeType implements ProcessorType {
            Liar() {
                super("test.liar", "says rows, emits text");
            }

            @Override
            public Processor<Object, ?> create(NodeOptions o) {
                return (Object item, Emitter<Object> out) -> out.emit(item.toString());
            }

            @Override
            public ItemType produces(NodeOptions o) {
                return ItemType.ROW;
            }
        }
        AssertionError e = assertThrows(AssertionError.class, () -> NodeTypeKit.of(new Liar()).input("x").run());
        assertEquals("test.liar declares it emits rows, but emitted x (String)", e.getMessage());
    }

    @Test
    void aSinkWhoseFlushFails_doesNotPass() {
        class Leaky extends AbstractNodeType implements SinkType {
            Leaky() {
                super("test.leaky", "cannot finish its writes");
            }

            @Override
            public Processor<Object, Void> create(NodeOptions o) {
                return new Processor<>() {
                    @Override
                    public void process(Object item, Emitter<Void> out) {}

                    @Override
                    public void flush(Emitter<Void> out) {
                        throw new IllegalStateException("disk gone");
                    }
                };
            }
        }
        AssertionError e = assertThrows(AssertionError.class, () -> NodeTypeKit.of(new Leaky()).input("x").run());
        assertTrue(e.getMessage().startsWith("test.leaky failed on 1 item(s)") && e.getMessage().contains("disk gone"),
                e.getMessage());
    }

    @Test
    void aMissingRequiredOption_orAnUnknownOne_isTheTestsMistake_andSaysSo() {
        class Needy extends AbstractNodeType implements SinkType {
            Needy() {
                super("test.needy", "needs a file", OptionSpec.required("file", OptionType.PATH, "where"));
            }

            @Override
            public Processor<Object, Void> create(NodeOptions o) {
                return (item, out) -> {};
            }
        }
        assertEquals("test.needy: the test gives no value of the required option 'file'",
                assertThrows(AssertionError.class, () -> NodeTypeKit.of(new Needy()).run()).getMessage());
        assertEquals("test.needy has no option 'fiel'; it has [file]",
                assertThrows(AssertionError.class, () -> NodeTypeKit.of(new Needy()).option("file", "x").option("fiel", "y")
                        .run()).getMessage());
    }
}
