package kmcore.tests

import kmcore.tests.Fixtures.catalogue
import kmcore.tests.Fixtures.date
import kmcore.tests.Fixtures.learnerPermit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import uniffi.kmcore.Catalogue
import uniffi.kmcore.FactKey
import uniffi.kmcore.FactType
import uniffi.kmcore.FeeStatus
import uniffi.kmcore.Guard
import uniffi.kmcore.Jurisdiction
import uniffi.kmcore.KmException
import uniffi.kmcore.Lang
import uniffi.kmcore.ServiceId
import uniffi.kmcore.ServiceKind
import uniffi.kmcore.factKeyFromName
import uniffi.kmcore.jurisdictionFromCode
import uniffi.kmcore.serviceIdFromCode

class CatalogueTest {
    @Test
    fun embeddedCatalogueDescribesEveryService() {
        assertTrue(catalogue.bundleVersion().isNotBlank())
        assertTrue(catalogue.bundleTitle().isNotBlank())
        assertEquals(listOf(catalogue.bundleVersion()), catalogue.versions())
        val services = catalogue.services()
        assertEquals(ServiceId.entries.toList(), services.map { it.id })
        for (info in services) {
            assertEquals(info.id.code(), info.code)
            assertEquals(info.code.substringBefore('.'), info.id.family())
            assertTrue(info.title.isNotBlank(), info.code)
            assertTrue(info.titleUr.isNotBlank(), info.code)
            // Every jurisdiction is a key, offered or not.
            assertEquals(Jurisdiction.entries.toSet(), info.requiredFacts.keys)
            for (j in Jurisdiction.entries) {
                assertEquals(catalogue.requiredFacts(info.id, j), info.requiredFacts[j])
            }
            // A service is an application exactly when it has a workflow.
            assertEquals(info.kind == ServiceKind.APPLICATION, info.workflow != null, info.code)
            assertEquals(info.workflow != null, catalogue.workflowMermaid(info.id) != null, info.code)
        }
        val learner = catalogue.service(ServiceId.LEARNER_PERMIT)
        assertEquals("Learner driving permit", learner.title)
        assertTrue(Jurisdiction.PB in learner.offeredIn)
        assertEquals(
            setOf(FactKey.CATEGORY, FactKey.DATE_OF_BIRTH, FactKey.HAS_VALID_CNIC),
            learner.requiredFacts.getValue(Jurisdiction.PB).toSet(),
        )
        assertTrue("age.minimum" in learner.reasons)
        assertTrue(learner.params.any { it.name.startsWith("fee") })
    }

    @Test
    fun workflowsListStatesEventsAndGuards() {
        val wf = catalogue.service(ServiceId.LEARNER_PERMIT).workflow!!
        assertEquals("draft", wf.initial)
        assertTrue(wf.states.map { it.name }.containsAll(listOf("draft", "submitted", "fee_paid", "issued")))
        assertTrue(wf.states.single { it.name == "refused" }.terminal)
        assertTrue(wf.states.single { it.name == "issued" }.done)
        val submit = wf.events.single { it.name == "submit" }
        assertEquals(Guard.Eligibility, submit.guard)
        assertEquals(FactKey.LEARNER_ISSUED_ON, wf.events.single { it.name == "issue" }.stamps)
        assertTrue(wf.transitions.any { it.from == "draft" && it.event == "submit" && it.to == "submitted" })
        val mermaid = catalogue.workflowMermaid(ServiceId.LEARNER_PERMIT)!!
        assertTrue(mermaid.startsWith("stateDiagram-v2"), mermaid)
        assertTrue("draft --> submitted: submit [eligibility]" in mermaid, mermaid)
        // Waiting on the citizen is a state flag (SLA clock paused).
        val pcc = catalogue.service(ServiceId.CHARACTER_CERTIFICATE_ISSUE).workflow!!
        assertTrue(pcc.states.single { it.name == "awaiting_documents" }.waitsOnCitizen)
        // A guard by another service's rules carries that service.
        val guards = catalogue.services().mapNotNull { it.workflow }.flatMap { w -> w.events.map { it.guard } }
        assertTrue(guards.all { it is Guard.Unguarded || it is Guard.Eligibility || it is Guard.Rules })
        // Checks have no workflow.
        assertNull(catalogue.service(ServiceId.TENANT_DEADLINE).workflow)
        assertNull(catalogue.workflowMermaid(ServiceId.TENANT_DEADLINE))
    }

    @Test
    fun enumsMapToTheCoreNames() {
        for (id in ServiceId.entries) assertEquals(id, serviceIdFromCode(id.code()))
        for (j in Jurisdiction.entries) {
            assertEquals(j, jurisdictionFromCode(j.code()))
            assertEquals(j.name, j.code())
        }
        assertEquals("Punjab", Jurisdiction.PB.displayName())
        assertEquals("پنجاب", Jurisdiction.PB.displayNameUr())
        for (k in FactKey.entries) assertEquals(k, factKeyFromName(k.key()))
        assertEquals("date_of_birth", FactKey.DATE_OF_BIRTH.key())
        assertEquals(FactType.DATE, FactKey.DATE_OF_BIRTH.factType())
        assertEquals(FactType.INSTANT, FactKey.REPORTED_AT.factType())
        assertEquals(FactType.CHOICE, FactKey.CATEGORY.factType())
        assertEquals("driving_licence.learner_permit", ServiceId.LEARNER_PERMIT.code())
        assertEquals("service.unknown", assertThrows<KmException.InvalidInput> { serviceIdFromCode("driving_licence.flying") }.code)
        assertEquals("jurisdiction.unknown", assertThrows<KmException.InvalidInput> { jurisdictionFromCode("XX") }.code)
        assertEquals("fact.unknown", assertThrows<KmException.InvalidInput> { factKeyFromName("shoe_size") }.code)
    }

    @Test
    fun termsInEnglishAndUrdu() {
        assertEquals("affidavit", catalogue.term("affidavit", Lang.EN))
        assertNotEquals("affidavit", catalogue.term("affidavit", Lang.UR))
        // An unknown term falls back to its words.
        assertEquals("no such term", catalogue.term("no_such_term", Lang.EN))
    }

    @Test
    fun bundleFromJsonAndItsErrors() {
        val text = """
            {"format_version": 1, "bundle_version": "mini-1", "title": "A one-fee bundle",
             "parameters": {"driving_licence.learner_permit": {"fee.motorcycle": {"PB": [
               {"effective_from": "2024-01-01", "rupees": 750, "source": "test", "basis": "confirmed"}]}}}}
        """.trimIndent()
        Catalogue.fromJson("mini.json", text).use { mini ->
            assertEquals("mini-1", mini.bundleVersion())
            val decision = mini.evaluate(learnerPermit("2026-03-01"))
            // The fee is known; rules the bundle lacks are "not known", never guessed.
            assertEquals(FeeStatus.KNOWN, decision.quote.status)
            assertEquals(75_000L, decision.quote.totalPaisa)
            assertFalse(decision.eligible)
            assertTrue(decision.checks.any { it.code == "rule.not_known" && !it.passed })
            assertNull(decision.feeDuePaisa)
        }
        val broken = assertThrows<KmException.Bundle> { Catalogue.fromJson("broken.json", "{") }
        assertEquals("broken.json", broken.file)
        assertTrue(broken.message!!.contains("broken.json"), broken.message)
        val unknownKey = assertThrows<KmException.Bundle> {
            Catalogue.fromJson("extra.json", text.replace("\"title\"", "\"nonsense\": 1, \"title\""))
        }
        assertEquals(KmException.Bundle::class, unknownKey::class)
        assertTrue(unknownKey.detail.contains("nonsense"), unknownKey.detail)
    }

    @Test
    fun whatIfOverlayChangesACopy() {
        val overlay = """
            {"format_version": 1, "bundle_version": "lp-700", "title": "what-if",
             "overlay_of": "${catalogue.bundleVersion()}",
             "parameters": {"driving_licence.learner_permit": {"fee.motorcycle": {"PB": [
               {"effective_from": "2027-01-01", "rupees": 700, "source": "what-if", "basis": "uncertain"}]}}}}
        """.trimIndent()
        catalogue.withOverlay("lp-700.json", overlay).use { whatIf ->
            assertEquals("${catalogue.bundleVersion()}+lp-700", whatIf.bundleVersion())
            assertEquals(listOf(catalogue.bundleVersion(), whatIf.bundleVersion()), whatIf.versions())
            assertEquals(50_000L, whatIf.quote(learnerPermit("2026-03-01")).feeDuePaisa)
            val later = whatIf.quote(learnerPermit("2027-02-01"))
            assertEquals(70_000L, later.feeDuePaisa)
            assertEquals("what-if", later.lines.single().rule.source)
            // The base is unchanged, and the old version is still held for replay.
            assertEquals(50_000L, catalogue.quote(learnerPermit("2027-02-01")).feeDuePaisa)
            val old = whatIf.evaluateUnder(catalogue.bundleVersion(), learnerPermit("2027-02-01"))
            assertEquals(50_000L, old.feeDuePaisa)
            assertEquals(catalogue.bundleVersion(), old.bundleVersion)
        }
        val e = assertThrows<KmException.NotKnown> { catalogue.evaluateUnder("no-such-version", learnerPermit("2026-03-01")) }
        assertEquals("bundle.unknown_version", e.code)
        assertThrows<KmException.Bundle> { catalogue.withOverlay("bad.json", overlay.replace(catalogue.bundleVersion(), "other")) }
    }

    @Test
    fun closedObjectsFailCleanly() {
        val own = Catalogue.embedded()
        own.close()
        assertThrows<IllegalStateException> { own.bundleVersion() }
        own.close() // closing twice is harmless
        assertEquals(date("2026-03-01"), learnerPermit("2026-03-01").asOf)
    }
}
