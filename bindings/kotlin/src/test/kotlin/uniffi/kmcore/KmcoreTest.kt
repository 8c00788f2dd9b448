package uniffi.kmcore

import java.time.Instant
import java.time.LocalDate
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class KmcoreTest {
    @Test
    fun formatsMoney() {
        assertEquals("Rs 1,830", formatMoney(183_000L))
        assertEquals("Rs 1,830.50", formatMoney(183_050L))
        assertEquals("-Rs 500", formatMoney(-50_000L))
        assertEquals("-Rs 92,233,720,368,547,758.08", formatMoney(Long.MIN_VALUE))
        assertEquals(183_000L, rupeesToPaisa(1_830L))
    }

    @Test
    fun badInputThrowsAKotlinException() {
        val e = assertThrows<KmException.InvalidInput> { rupeesToPaisa(Long.MAX_VALUE) }
        assertEquals("money.overflow", e.code)
        assertTrue(e.detail.contains("${Long.MAX_VALUE}"), e.detail)
        // The exception message is the human text, not uniffi's "code=..., detail=..." dump.
        assertEquals(e.detail, e.message)
        // Exported Rust Display.
        assertEquals(e.detail, e.toString())
        // It is an ordinary exception: catchable as KmException and as Exception.
        val caught: Exception = try {
            Till("t").use { it.add(-5L) }
            error("no exception")
        } catch (k: KmException) {
            k
        }
        assertTrue(caught is KmException.InvalidInput)
        assertEquals("money.negative", (caught as KmException.InvalidInput).code)
        assertEquals("a fee cannot be negative (-Rs 0.05)", caught.message)
    }

    @Test
    fun objectIsAutoCloseable() {
        val till = Till("counter 1")
        till.use {
            assertEquals(183_000L, it.add(183_000L))
            val e = assertThrows<KmException.InvalidInput> { it.add(-1L) }
            assertEquals("money.negative", e.code)
            assertEquals(TillSummary("counter 1", 1uL, 183_000L, "Rs 1,830"), it.summary())
        }
        // After close() the handle is freed; further calls fail cleanly, they do not crash.
        assertThrows<IllegalStateException> { till.totalPaisa() }
    }

    @Test
    fun oneObjectFromManyThreads() {
        val threads = 8
        val callsPerThread = 1000
        Till("shared").use { till ->
            val pool = Executors.newFixedThreadPool(threads)
            try {
                val jobs = (1..threads).map {
                    Callable { repeat(callsPerThread) { till.add(100L) } }
                }
                pool.invokeAll(jobs).forEach { it.get() }
            } finally {
                pool.shutdown()
                assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS))
            }
            val summary = till.summary()
            assertEquals((threads * callsPerThread).toULong(), summary.count)
            assertEquals(threads * callsPerThread * 100L, summary.totalPaisa)
            assertEquals("Rs 8,000", summary.totalText)
        }
    }

    @Test
    fun datesMapToJavaTime() {
        // SystemTime <-> java.time.Instant; chrono::NaiveDate <-> java.time.LocalDate.
        val at = Instant.parse("2025-03-01T19:30:00Z") // 00:30 on 2 March in Pakistan
        val date: LocalDate = pakistanDate(at)
        assertEquals(LocalDate.of(2025, 3, 2), date)
        assertEquals(LocalDate.of(2025, 3, 31), addDays(date, 29L))
        assertEquals(LocalDate.of(2024, 12, 31), addDays(LocalDate.of(2025, 1, 1), -1L))
        val e = assertThrows<KmException.InvalidInput> { addDays(date, Long.MAX_VALUE) }
        assertEquals("date.range", e.code)
        // A LocalDate that chrono cannot hold fails to lift into KmError, not a crash.
        val big = assertThrows<KmException.InvalidInput> { addDays(LocalDate.MAX, 0L) }
        assertEquals("date.parse", big.code)
    }
}
