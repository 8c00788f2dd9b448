package kmcore.tests

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import uniffi.kmcore.Actor
import uniffi.kmcore.Application
import uniffi.kmcore.Catalogue
import uniffi.kmcore.FastCatalogue
import uniffi.kmcore.Facts
import uniffi.kmcore.Guard
import uniffi.kmcore.Jurisdiction
import uniffi.kmcore.KmException
import uniffi.kmcore.ServiceId

/** Output a person reads: stable orders and readable `toString()`s. */
class ReadableOutputTest {
    @Test
    fun checkParamsComeInTheRulesOrderOnEveryCall() {
        val request = Fixtures.learnerPermit("2026-03-01")
        val orders = (1..30).flatMap {
            // Fresh maps every time, through both paths and fresh catalogues.
            Catalogue.embedded().use { c -> listOf(c.evaluate(request)) } +
                FastCatalogue.embedded().use { c -> listOf(c.evaluate(request)) }
        }.map { decision -> decision.checks.map { it.code to it.params.keys.toList() } }
        assertEquals(1, orders.distinct().size, "orders differ: ${orders.distinct()}")
        val age = orders.first().first { it.first == "age.minimum" }
        assertEquals(listOf("minimum", "age"), age.second)
        assertEquals("18 years", Fixtures.catalogue.evaluate(request).checks.first { it.code == "age.minimum" }.params["minimum"])
    }

    @Test
    fun anExceptionPrintsItsClassCodeAndText() {
        // A licence term that does not exist is invalid input.
        val e = assertThrows<KmException.InvalidInput> {
            Fixtures.catalogue.quote(Fixtures.learnerPermit("2026-03-01", Facts(licenceTermYears = 2L)))
        }
        assertEquals("KmException.InvalidInput(fact.out_of_range): ${e.message}", e.toString())
        assertTrue(e.message!!.isNotBlank())
        val moved = assertThrows<KmException.MoveNotAllowed> {
            Application(Fixtures.catalogue, ServiceId.LEARNER_PERMIT, Jurisdiction.PB, "P-1").use {
                it.apply(Fixtures.catalogue, "issue", Fixtures.at("2026-03-01T10:00:00+05:00"), Actor.CLERK, null)
            }
        }
        assertTrue(moved.toString().startsWith("KmException.MoveNotAllowed(workflow.move_not_allowed): "), moved.toString())
    }

    @Test
    fun guardsPrintTheirCase() {
        assertEquals("Unguarded", Guard.Unguarded.toString())
        assertEquals("Eligibility", Guard.Eligibility.toString())
        assertEquals("Rules(service=driving_licence.learner_permit)", Guard.Rules(ServiceId.LEARNER_PERMIT).toString())
        val guards = Fixtures.catalogue.services().mapNotNull { it.workflow }.flatMap { w -> w.events.map { it.guard } }
        assertTrue(guards.isNotEmpty())
        for (guard in guards) assertFalse(guard.toString().contains('@'), "$guard")
    }

    @Test
    fun anEventRecordPrintsOnlyTheFactsItSupplied() {
        Application(Fixtures.catalogue, ServiceId.LEARNER_PERMIT, Jurisdiction.PB, "P-2").use { app ->
            val record = app.apply(Fixtures.catalogue, "submit", Fixtures.at("2026-03-01T10:00:00+05:00"), Actor.CLERK, Fixtures.ayesha)
            val text = record.toString()
            assertTrue(text.startsWith("EventRecord(seq=0, event=submit, at=2026-03-01T10:00:00+05:00, actor=Clerk, "), text)
            assertTrue(text.contains("facts={date_of_birth=2008-02-29, category=motorcycle, has_valid_cnic=true}"), text)
            assertFalse(text.contains("null"), text)
            assertTrue(text.endsWith("hash=${record.hash})"), text)
        }
    }
}
