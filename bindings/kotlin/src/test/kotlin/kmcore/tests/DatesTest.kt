package kmcore.tests

import java.nio.ByteBuffer
import java.time.DateTimeException
import java.time.LocalDate
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import uniffi.kmcore.FfiConverterString
import uniffi.kmcore.FfiConverterTypeNaiveDate

/** Dates from Rust read as `LocalDate.parse` reads them (uniffi.toml's `lift` for NaiveDate). */
class DatesTest {
    private fun lift(text: String): LocalDate {
        val buf = ByteBuffer.allocate(4 + 3 * text.length)
        FfiConverterString.write(text, buf)
        buf.flip()
        return FfiConverterTypeNaiveDate.read(buf)
    }

    @Test
    fun everyDayOfSeveralYearsAndOtherForms() {
        var day = LocalDate.of(1999, 12, 1)
        while (day.year < 2029) {
            assertEquals(day, lift(day.toString()))
            day = day.plusDays(1)
        }
        for (text in listOf("0001-01-01", "9999-12-31", "+10000-01-01", "-0001-12-31", "2024-02-29")) {
            assertEquals(LocalDate.parse(text), lift(text), text)
        }
        for (text in listOf("2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "20-6-03-01", "2026/03/01", "2026-3-1", "x")) {
            assertThrows<DateTimeException>(text) { LocalDate.parse(text) }
            assertThrows<DateTimeException>(text) { lift(text) }
        }
    }
}
