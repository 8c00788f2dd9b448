package kmcore.tests

import kmcore.tests.Fixtures.at
import kmcore.tests.Fixtures.ayesha
import kmcore.tests.Fixtures.catalogue
import kmcore.tests.Fixtures.date
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import uniffi.kmcore.Actor
import uniffi.kmcore.AppliedBy
import uniffi.kmcore.Application
import uniffi.kmcore.ClockState
import uniffi.kmcore.ErrorKind
import uniffi.kmcore.Facts
import uniffi.kmcore.Jurisdiction
import uniffi.kmcore.KmException
import uniffi.kmcore.LicenceCategory
import uniffi.kmcore.ServiceId
import uniffi.kmcore.sealPublicKey

class ApplicationTest {
    private fun learnerPermit(id: String = "LHR-LP-1") =
        Application(catalogue, ServiceId.LEARNER_PERMIT, Jurisdiction.PB, id)

    @Test
    fun moveThroughTheStates() {
        learnerPermit().use { app ->
            assertEquals("LHR-LP-1", app.id())
            assertEquals(ServiceId.LEARNER_PERMIT, app.service())
            assertEquals(Jurisdiction.PB, app.jurisdiction())
            assertEquals("draft", app.state())
            assertEquals(listOf("submit", "withdraw"), app.allowedEvents())
            val submitted = app.apply(catalogue, "submit", at("2026-03-01T10:00:00+05:00"), Actor.CLERK, ayesha)
            assertEquals(0L, submitted.seq)
            assertEquals("submit", submitted.event)
            assertEquals(Actor.CLERK, submitted.actor)
            assertEquals(at("2026-03-01T10:00:00+05:00"), submitted.at)
            assertEquals(50_000L, submitted.feePaisa) // the eligibility guard fixed the fee
            assertEquals(catalogue.bundleVersion(), submitted.bundleVersion)
            assertEquals(ayesha, submitted.facts)
            assertEquals(64, submitted.hash.length)
            assertEquals("submitted", app.state())
            val paid = app.apply(catalogue, "pay_fee", at("2026-03-01T10:05:00+05:00"), Actor.CITIZEN, null)
            assertEquals(submitted.hash, paid.prevHash)
            assertEquals(listOf("issue", "refuse"), app.allowedEvents())
            app.apply(catalogue, "issue", at("2026-03-01T10:20:00+05:00"), Actor.CLERK, null)
            assertEquals("issued", app.state())
            assertFalse(app.isTerminal())
            // The issue event stamps its own date as a fact.
            assertEquals(date("2026-03-01"), app.facts().learnerIssuedOn)
            assertEquals(listOf("submit", "pay_fee", "issue"), app.events().map { it.event })
            app.verify()
            val times = app.timeInStates(at("2026-03-01T11:20:00+05:00"))
            assertEquals(listOf("submitted", "fee_paid", "issued"), times.map { it.state })
            assertEquals(listOf(300L, 900L, 3600L), times.map { it.seconds })
        }
    }

    @Test
    fun refusedMovesSayWhy() {
        learnerPermit().use { app ->
            val notAllowed = assertThrows<KmException.MoveNotAllowed> {
                app.apply(catalogue, "issue", at("2026-03-01T10:00:00+05:00"), Actor.CLERK, null)
            }
            assertEquals("workflow.move_not_allowed", notAllowed.code)
            assertEquals("draft", notAllowed.state)
            assertEquals("issue", notAllowed.event)
            assertTrue(notAllowed.message!!.contains("issue"), notAllowed.message)
            // One day short of 18: the eligibility guard refuses, with the reason codes.
            val young = ayesha.copy(dateOfBirth = date("2008-03-02"))
            val guard = assertThrows<KmException.NotEligible> {
                app.apply(catalogue, "submit", at("2026-03-01T10:00:00+05:00"), Actor.CLERK, young)
            }
            assertEquals("workflow.guard_failed", guard.code)
            assertEquals(listOf("age.minimum"), guard.reasons)
            assertEquals("submit", guard.event)
            assertEquals(ErrorKind.NOT_ELIGIBLE, guard.kind())
            // A failed apply changes nothing.
            assertEquals("draft", app.state())
            assertTrue(app.events().isEmpty())
            // What would the guard say? (a decision, not an error)
            val preview = app.preview(catalogue, "submit", at("2026-03-01T10:00:00+05:00"), young)!!
            assertFalse(preview.eligible)
            assertNull(app.preview(catalogue, "withdraw", at("2026-03-01T10:00:00+05:00"), null))
            val unknown = assertThrows<KmException.InvalidInput> {
                app.apply(catalogue, "fly", at("2026-03-01T10:00:00+05:00"), Actor.CLERK, null)
            }
            assertEquals("workflow.unknown_event", unknown.code)
            app.apply(catalogue, "submit", at("2026-03-01T10:00:00+05:00"), Actor.CLERK, ayesha)
            val early = assertThrows<KmException.InvalidInput> {
                app.apply(catalogue, "pay_fee", at("2026-03-01T09:00:00+05:00"), Actor.CITIZEN, null)
            }
            assertEquals("workflow.time_order", early.code)
        }
        val check = assertThrows<KmException.InvalidInput> {
            Application(catalogue, ServiceId.TENANT_DEADLINE, Jurisdiction.SD, "x")
        }
        assertEquals("service.no_workflow", check.code)
    }

    @Test
    fun serialiseRestoreAndVerify() {
        val json = learnerPermit("LHR-LP-2").use { app ->
            app.apply(catalogue, "submit", at("2026-03-01T10:00:00+05:00"), Actor.CLERK, ayesha)
            app.apply(catalogue, "pay_fee", at("2026-03-01T10:05:00+05:00"), Actor.CITIZEN, null)
            app.toJson()
        }
        Application.fromJson(catalogue, json).use { restored ->
            assertEquals("fee_paid", restored.state())
            assertEquals("LHR-LP-2", restored.id())
            assertEquals(json, restored.toJson())
            restored.verify()
            // It carries on where it left off.
            restored.apply(catalogue, "issue", at("2026-03-01T10:20:00+05:00"), Actor.CLERK, null)
            assertEquals("issued", restored.state())
        }
        // One changed byte is refused, naming the event.
        val tampered = json.replace("\"citizen\"", "\"clerk\"")
        val e = assertThrows<KmException.TamperedLog> { Application.fromJson(catalogue, tampered) }
        assertEquals(1L, e.index)
        assertTrue(e.code.startsWith("log."), e.code)
        assertThrows<KmException.InvalidInput> { Application.fromJson(catalogue, "not a log") }
    }

    @Test
    fun logsReplayUnderTheirOwnBundle() {
        val overlay = """
            {"format_version": 1, "bundle_version": "lp-900", "title": "what-if",
             "overlay_of": "${catalogue.bundleVersion()}",
             "parameters": {"driving_licence.learner_permit": {"fee.motorcycle": {"PB": [
               {"effective_from": "2026-01-01", "rupees": 900, "source": "what-if", "basis": "uncertain"}]}}}}
        """.trimIndent()
        catalogue.withOverlay("lp-900.json", overlay).use { whatIf ->
            val json = learnerPermit("LHR-LP-3").use { app ->
                val e = app.apply(whatIf, "submit", at("2026-03-01T10:00:00+05:00"), Actor.CLERK, ayesha)
                assertEquals(90_000L, e.feePaisa)
                assertEquals(whatIf.bundleVersion(), e.bundleVersion)
                assertTrue(e.bundleVersion.endsWith("+lp-900"), e.bundleVersion)
                app.toJson()
            }
            Application.fromJson(whatIf, json).use { assertEquals("submitted", it.state()) }
            // The base catalogue does not hold that bundle: not known, never re-priced.
            val e = assertThrows<KmException.NotKnown> { Application.fromJson(catalogue, json) }
            assertEquals("log.unknown_bundle", e.code)
        }
    }

    @Test
    fun slaClockPausesWhileWaitingOnTheCitizen() {
        val facts = Facts(
            hasValidCnic = true, hasPassport = true, hasAffidavit = true,
            applicantAbroad = false, appliedBy = AppliedBy.SELF_APPLICANT,
            hasAuthorityLetter = false, hasPhotograph = false,
        )
        Application(catalogue, ServiceId.CHARACTER_CERTIFICATE_ISSUE, Jurisdiction.PB, "LHR-CC-1").use { app ->
            assertEquals(ClockState.NOT_STARTED, app.sla(catalogue, at("2026-03-02T09:00:00+05:00")).clock)
            app.apply(catalogue, "submit", at("2026-03-02T09:30:00+05:00"), Actor.CITIZEN, facts)
            app.apply(catalogue, "pay_fee", at("2026-03-02T09:35:00+05:00"), Actor.CITIZEN, null)
            app.apply(catalogue, "start_verification", at("2026-03-02T11:00:00+05:00"), Actor.CLERK, null)
            val running = app.sla(catalogue, at("2026-03-03T10:00:00+05:00"))
            assertEquals(ClockState.RUNNING, running.clock)
            assertEquals(date("2026-03-02"), running.startedOn)
            app.apply(catalogue, "request_documents", at("2026-03-03T12:00:00+05:00"), Actor.POLICE, null)
            val paused = app.sla(catalogue, at("2026-03-05T12:00:00+05:00"))
            assertEquals(ClockState.PAUSED, paused.clock)
            assertTrue(paused.pausedWorkingDays > 0, "$paused")
            assertFalse(paused.breached)
            app.apply(catalogue, "provide_documents", at("2026-03-05T15:00:00+05:00"), Actor.CITIZEN, null)
            app.apply(catalogue, "clear", at("2026-03-06T10:00:00+05:00"), Actor.POLICE, null)
            app.apply(catalogue, "issue", at("2026-03-09T10:00:00+05:00"), Actor.SUPERVISOR, null)
            val stopped = app.sla(catalogue, at("2026-03-09T12:00:00+05:00"))
            assertEquals(ClockState.STOPPED, stopped.clock)
            assertEquals(date("2026-03-09"), stopped.stoppedOn)
            if (stopped.targetWorkingDays != null) assertNotNull(stopped.due)
            val early = assertThrows<KmException.InvalidInput> { app.sla(catalogue, at("2026-03-01T00:00:00+05:00")) }
            assertEquals("sla.time_order", early.code)
        }
    }

    @Test
    fun slaDueDateIsNotKnownPastTheCalendar() {
        val facts = Facts(
            hasValidCnic = true, hasPassport = true, hasAffidavit = true,
            applicantAbroad = false, appliedBy = AppliedBy.SELF_APPLICANT,
            hasAuthorityLetter = false, hasPhotograph = false,
        )
        // Friday 28 March 2025; Eid ul Fitr holidays 31 March to 2 April move the due date.
        Application(catalogue, ServiceId.CHARACTER_CERTIFICATE_ISSUE, Jurisdiction.PB, "LHR-CC-EID").use { app ->
            app.apply(catalogue, "submit", at("2025-03-28T10:00:00+05:00"), Actor.CLERK, facts)
            val sla = app.sla(catalogue, at("2025-03-31T10:00:00+05:00"))
            assertEquals(date("2025-04-07"), sla.due)
            assertFalse(sla.dueNotKnown)
        }
        // Wednesday 30 December 2026: the due date falls in 2027, which the calendar does not cover.
        Application(catalogue, ServiceId.CHARACTER_CERTIFICATE_ISSUE, Jurisdiction.PB, "LHR-CC-2027").use { app ->
            app.apply(catalogue, "submit", at("2026-12-30T10:00:00+05:00"), Actor.CLERK, facts)
            val sla = app.sla(catalogue, at("2026-12-31T10:00:00+05:00"))
            assertEquals(3L, sla.targetWorkingDays)
            assertTrue(sla.dueNotKnown)
            assertNull(sla.due)
            assertFalse(sla.breached)
        }
    }

    @Test
    fun categoryEnumRoundTripsThroughTheLog() {
        learnerPermit("LHR-LP-4").use { app ->
            val car = ayesha.copy(category = LicenceCategory.MOTOR_CAR, dateOfBirth = date("1990-01-01"))
            app.apply(catalogue, "submit", at("2026-03-01T10:00:00+05:00"), Actor.CLERK, car)
            assertEquals(LicenceCategory.MOTOR_CAR, app.facts().category)
            assertEquals(LicenceCategory.MOTOR_CAR, app.events().single().facts.category)
        }
    }

    @Test
    fun aSealedLogCatchesARewriteThatRecomputesTheChain() {
        val office = ByteArray(32) { 7 }
        val public = sealPublicKey(office)
        val json = learnerPermit("LP-SEAL").use { app ->
            app.apply(catalogue, "submit", at("2026-03-01T10:00:00+05:00"), Actor.CLERK, ayesha)
            app.seal("PB-LHR-01", office)
            assertEquals("PB-LHR-01", app.sealKeyId())
            app.verifySeal(public)
            app.toJson()
        }
        assertTrue(json.contains("\"seal\":{\"key_id\":\"PB-LHR-01\""), json)
        Application.fromJson(catalogue, json).use { restored ->
            restored.verifySeal(public)
            val wrongKey = assertThrows<KmException.TamperedLog> {
                restored.verifySeal(sealPublicKey(ByteArray(32) { 8 }))
            }
            assertEquals("log.seal", wrongKey.code)
            assertThrows<KmException.InvalidInput> { restored.verifySeal(ByteArray(5)) }
        }
        // A forger rebuilds the log as another actor: the chain is valid, the seal is not.
        val forged = learnerPermit("LP-SEAL").use { app ->
            app.apply(catalogue, "submit", at("2026-03-01T10:00:00+05:00"), Actor.CITIZEN, ayesha)
            app.toJson()
        }
        val seal = json.substring(json.indexOf(",\"seal\":"))
        Application.fromJson(catalogue, forged.dropLast(1) + seal).use { loaded ->
            assertThrows<KmException.TamperedLog> { loaded.verifySeal(public) }
        }
        learnerPermit().use { app ->
            val missing = assertThrows<KmException.InvalidInput> { app.verifySeal(public) }
            assertEquals("seal.missing", missing.code)
        }
    }
}
