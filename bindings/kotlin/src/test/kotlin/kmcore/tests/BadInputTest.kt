package kmcore.tests

import java.time.Instant
import java.time.LocalDate
import kmcore.tests.Fixtures.at
import kmcore.tests.Fixtures.catalogue
import kmcore.tests.Fixtures.learnerPermit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import uniffi.kmcore.Actor
import uniffi.kmcore.Application
import uniffi.kmcore.Catalogue
import uniffi.kmcore.Facts
import uniffi.kmcore.InternalException
import uniffi.kmcore.Jurisdiction
import uniffi.kmcore.KmException
import uniffi.kmcore.PlateScheme
import uniffi.kmcore.Request
import uniffi.kmcore.ServiceId
import uniffi.kmcore.VehicleKind
import uniffi.kmcore.factsFromJson
import uniffi.kmcore.parseCnic
import uniffi.kmcore.parseMobile
import uniffi.kmcore.parsePlate

/**
 * No panic crosses the boundary: whatever the input, a call returns or
 * throws a KmException (a Kotlin exception the app can catch). It never
 * crashes the JVM and never surfaces uniffi's InternalException (which is
 * what a Rust panic would become).
 */
class BadInputTest {
    private fun <T> refusedOrFine(what: String, call: () -> T) {
        try {
            call()
        } catch (e: KmException) {
            assertTrue(!e.message.isNullOrBlank(), "$what: exception without a message")
            assertTrue(e.reasonCode().contains('.'), "$what: code ${e.reasonCode()}")
        } catch (e: InternalException) {
            throw AssertionError("$what: internal error (a panic?) instead of KmException", e)
        }
    }

    @Test
    fun datesOutOfRangeAreKmExceptions() {
        // LocalDate.MAX (+999999999-12-31) is beyond chrono's range: date.parse, not a crash.
        val bigDate = assertThrows<KmException.InvalidInput> { catalogue.evaluate(learnerPermit("2026-03-01").copy(asOf = LocalDate.MAX)) }
        assertEquals("date.parse", bigDate.code)
        assertThrows<KmException.InvalidInput> { catalogue.evaluate(learnerPermit("2026-03-01").copy(asOf = LocalDate.MIN)) }
        for (instant in listOf(Instant.MAX, Instant.MIN)) {
            val e = assertThrows<KmException.InvalidInput> {
                catalogue.evaluate(learnerPermit("2026-03-01").copy(at = instant))
            }
            assertEquals("instant.range", e.code)
            Application(catalogue, ServiceId.LEARNER_PERMIT, Jurisdiction.PB, "x").use { app ->
                assertEquals("instant.range", assertThrows<KmException.InvalidInput> {
                    app.apply(catalogue, "withdraw", instant, Actor.CLERK, null)
                }.code)
                assertEquals("instant.range", assertThrows<KmException.InvalidInput> { app.sla(catalogue, instant) }.code)
            }
            assertEquals("instant.range", assertThrows<KmException.InvalidInput> {
                catalogue.quote(Request(ServiceId.TENANT_DEADLINE, Jurisdiction.SD, LocalDate.of(2026, 1, 2), facts = Facts(reportedAt = instant)))
            }.code)
        }
        // Extreme but valid dates evaluate.
        refusedOrFine("year 1") { catalogue.evaluate(learnerPermit("0001-01-01")) }
        refusedOrFine("dob far future") {
            catalogue.evaluate(learnerPermit("2026-03-01", Fixtures.ayesha.copy(dateOfBirth = LocalDate.of(9999, 12, 31))))
        }
    }

    @Test
    fun garbageNeverCrashes() {
        val rnd = java.util.Random(20260301)
        val samples = mutableListOf(
            "", " ", "\u0000", "{", "}", "[]", "null", "\"", "{\"format_version\": 1}",
            "x".repeat(100_000), "٣٥٢٠٢-١٢٣٤٥٦٧-١", "35202-1234567-1\u0000", "+92", "-".repeat(20),
            "{\"events\": [{}]}", "\uD83D\uDE00".repeat(50),
        )
        repeat(300) {
            val len = rnd.nextInt(40)
            samples += String(CharArray(len) { (rnd.nextInt(0x3000)).toChar() })
            samples += String(CharArray(len) { "0123456789-+ABCIOU{}\":,".random(kotlin.random.Random(rnd.nextLong())) })
        }
        for (s in samples) {
            refusedOrFine("parseCnic") { parseCnic(s) }
            refusedOrFine("parseMobile") { parseMobile(s) }
            refusedOrFine("parsePlate") { parsePlate(s, PlateScheme.SD1996, VehicleKind.CAR) }
            refusedOrFine("factsFromJson") { factsFromJson(s) }
            refusedOrFine("Application.fromJson") { Application.fromJson(catalogue, s).close() }
            refusedOrFine("Catalogue.fromJson") { Catalogue.fromJson(s, s).close() }
            refusedOrFine("withOverlay") { catalogue.withOverlay(s, s).close() }
            refusedOrFine("evaluateUnder") { catalogue.evaluateUnder(s, learnerPermit("2026-03-01")) }
            refusedOrFine("term") { catalogue.term(s, uniffi.kmcore.Lang.UR) }
        }
    }

    @Test
    fun everyServiceWithEmptyFactsIsAnAnswerOrAKmException() {
        for (service in ServiceId.entries) for (j in Jurisdiction.entries) {
            for (day in listOf("1970-01-01", "2015-03-10", "2026-03-01", "2999-12-31")) {
                val r = Request(service, j, LocalDate.parse(day))
                refusedOrFine("$service $j $day evaluate") { catalogue.evaluate(r) }
                refusedOrFine("$service $j $day documents") { catalogue.documents(r) }
            }
        }
    }

    @Test
    fun tamperedLogsAreRefusedAtEveryByte() {
        val json = Application(catalogue, ServiceId.LEARNER_PERMIT, Jurisdiction.PB, "T-1").use { app ->
            app.apply(catalogue, "submit", at("2026-03-01T10:00:00+05:00"), Actor.CLERK, Fixtures.ayesha)
            app.apply(catalogue, "pay_fee", at("2026-03-01T10:05:00+05:00"), Actor.CITIZEN, null)
            app.toJson()
        }
        for (i in json.indices step 7) {
            val c = json[i]
            val changed = json.substring(0, i) + (if (c == 'a') 'b' else 'a') + json.substring(i + 1)
            try {
                Application.fromJson(catalogue, changed).close()
                throw AssertionError("byte $i changed and the log was accepted")
            } catch (e: KmException) {
                // TamperedLog, or InvalidInput when it is no longer a log at all.
                assertTrue(e is KmException.TamperedLog || e is KmException.InvalidInput || e is KmException.NotKnown, "$e")
            }
        }
    }
}
