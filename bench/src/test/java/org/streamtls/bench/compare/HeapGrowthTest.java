package org.streamtls.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The memory test names the classes whose live heap grew most per connection. */
class HeapGrowthTest {

    @Test
    void largestGrowthPerConnectionFirst() {
        Map<String, long[]> before = Map.of("[B", new long[] {10, 1_000}, "java.lang.String", new long[] {5, 200});
        Map<String, long[]> after = Map.of("[B", new long[] {210, 3_380_200}, "java.lang.String", new long[] {405, 16_200},
                "[Ljava.lang.Object;", new long[] {200, 40_000}, "java.lang.Gone", new long[] {0, 0});

        String growth = IdleServerProcess.largestGrowth(before, after, 200);

        assertEquals("[B:16896:1.0,[Ljava.lang.Object;:200:1.0,java.lang.String:80:2.0", growth);
        assertEquals("`byte[]` 16.5 KiB (1.0), `java.lang.Object[]` 0.2 KiB (1.0), `java.lang.String` 0.1 KiB (2.0)",
                MarkdownReport.heapGrowth(growth));
        assertEquals("nothing grew", MarkdownReport.heapGrowth(IdleServerProcess.largestGrowth(after, after, 200)));
    }
}
