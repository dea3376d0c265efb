package dev.sluice.nodetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OptionSpecTest {
    @Test
    void bounds_rejectWholeNumbersOutsideThem_andSayWhatIsAllowed() {
        OptionSpec partitions = OptionSpec.optional("partitions", OptionType.INT, "1", "partitions").between(1, 64);
        assertNull(partitions.rejects(1L));
        assertNull(partitions.rejects(64L));
        assertEquals("1 to 64", partitions.rejects(0L));
        assertEquals("1 to 64", partitions.rejects(65L));
        assertEquals("at least 0", OptionSpec.required("n", OptionType.INT, "n").between(0, Long.MAX_VALUE).rejects(-1L));
        assertNull(OptionSpec.required("n", OptionType.INT, "n").rejects(Long.MIN_VALUE), "no bounds: anything");
    }

    @Test
    void aPattern_mustMatchTheWholeText() {
        OptionSpec ns = OptionSpec.optional("namespace", OptionType.STRING, "", "prefix").matching("[a-z.]{0,5}");
        assertNull(ns.rejects("ab."));
        assertEquals("text matching [a-z.]{0,5}", ns.rejects("team a"));
        assertEquals("text matching [a-z.]{0,5}", ns.rejects("abcdef"));
        assertEquals("up to 5 letters or dots", ns.matching("[a-z.]{0,5}", "up to 5 letters or dots").rejects("abcdef"));
    }

    @Test
    void checksThatCannotApply_areRefusedWhenTheTypeIsDeclared() {
        assertThrows(IllegalArgumentException.class,
                () -> OptionSpec.required("d", OptionType.DURATION, "d").between(1, 2));
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.required("n", OptionType.INT, "n").matching("x"));
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.required("n", OptionType.INT, "n").between(3, 2));
        assertThrows(java.util.regex.PatternSyntaxException.class,
                () -> OptionSpec.required("s", OptionType.STRING, "s").matching("(unclosed"));
    }

    @Test
    void aRenamedOption_keepsItsChecks() {
        OptionSpec inner = OptionSpec.optional("partitions", OptionType.INT, "1", "partitions").between(1, 64);
        OptionSpec outer = inner.renamed("parts", "partitions (inner.partitions)");
        assertEquals("parts", outer.name());
        assertEquals("1 to 64", outer.rejects(0L));
    }
}
