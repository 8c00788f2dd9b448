package kmcore.tests

import kmcore.tests.Fixtures.at
import kmcore.tests.Fixtures.ayesha
import kmcore.tests.Fixtures.catalogue
import kmcore.tests.Fixtures.date
import kmcore.tests.Fixtures.learnerPermit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import uniffi.kmcore.AppliedBy
import uniffi.kmcore.Basis
import uniffi.kmcore.Deadline
import uniffi.kmcore.ErrorKind
import uniffi.kmcore.FactKey
import uniffi.kmcore.Outcome
import uniffi.kmcore.Facts
import uniffi.kmcore.FeeLineKind
import uniffi.kmcore.FeeStatus
import uniffi.kmcore.Jurisdiction
import uniffi.kmcore.KmException
import uniffi.kmcore.Request
import uniffi.kmcore.ServiceId
import uniffi.kmcore.factsFromJson
import uniffi.kmcore.formatMoney
import uniffi.kmcore.pakistanDate

class EvaluateTest {
    @Test
    fun eligibleWithReasonsInEnglishAndUrdu() {
        val decision = catalogue.evaluate(learnerPermit("2026-03-01"))
        assertTrue(decision.eligible)
        assertEquals(ServiceId.LEARNER_PERMIT, decision.service)
        assertEquals(Jurisdiction.PB, decision.jurisdiction)
        assertEquals(date("2026-03-01"), decision.asOf)
        assertNull(decision.at)
        assertEquals(catalogue.bundleVersion(), decision.bundleVersion)
        assertEquals(50_000L, decision.feeDuePaisa)
        assertNull(decision.deadline)
        assertTrue(decision.checks.isNotEmpty())
        for (check in decision.checks) {
            assertTrue(check.passed, check.code)
            assertTrue(check.messageEn.isNotBlank() && check.messageUr.isNotBlank(), check.code)
        }
        val age = decision.checks.single { it.code == "age.minimum" }
        val rule = age.rule!!
        assertTrue(rule.key.startsWith("driving_licence.learner_permit."), rule.key)
        assertTrue(rule.source.startsWith("https://"), rule.source)
        assertEquals(Jurisdiction.PB, rule.jurisdiction)
        assertTrue(rule.from <= date("2026-03-01"))
        assertEquals("18 years", age.params["minimum"])
    }

    @Test
    fun oneDayShortOf18FailsWithTheNumbers() {
        val decision = catalogue.evaluate(learnerPermit("2026-02-28"))
        assertFalse(decision.eligible)
        assertNull(decision.feeDuePaisa)
        // The quote is still computed, so the clerk can say what it will cost.
        assertEquals(50_000L, decision.quote.totalPaisa)
        assertFalse(decision.quote.eligible)
        val age = decision.checks.single { it.code == "age.minimum" }
        assertFalse(age.passed)
        assertTrue(age.messageEn.contains("18"), age.messageEn)
        // Urdu keeps numbers left-to-right inside directional isolates (U+2066 ... U+2069).
        assertTrue(age.messageUr.contains("\u2066") && age.messageUr.contains("\u2069"), age.messageUr)
        assertTrue(age.messageUr.any { it in '\u0600'..'\u06FF' }, age.messageUr)
    }

    @Test
    fun feeQuoteWithLines() {
        val quote = catalogue.quote(learnerPermit("2026-03-01"))
        assertEquals(FeeStatus.KNOWN, quote.status)
        assertEquals(50_000L, quote.totalPaisa)
        assertEquals("Rs 500", quote.totalText)
        assertEquals(50_000L, quote.feeDuePaisa)
        assertTrue(quote.eligible)
        val line = quote.lines.single()
        assertEquals(FeeLineKind.BASE, line.kind)
        assertEquals(50_000L, line.amountPaisa)
        assertEquals("Rs 500", line.amountText)
        assertEquals(Basis.CONFIRMED, line.rule.basis)
        assertEquals(quote, catalogue.evaluate(learnerPermit("2026-03-01")).quote)
        assertEquals("Rs 1,830.50", formatMoney(183_050L))
    }

    @Test
    fun unknownFeeIsNotGuessed() {
        // Punjab's tenant-registration fee has no source: "not known", never 0.
        val facts = Facts(
            premises = uniffi.kmcore.Premises.RESIDENTIAL,
            hasValidCnic = true, hasPhotograph = true, hasRentAgreement = true,
        )
        val quote = catalogue.quote(Request(ServiceId.TENANT_REGISTRATION, Jurisdiction.PB, date("2025-05-01"), facts = facts))
        assertEquals(FeeStatus.NOT_KNOWN, quote.status)
        assertNull(quote.totalPaisa)
        assertNull(quote.feeDuePaisa)
    }

    @Test
    fun documentsChecklist() {
        val facts = Facts(
            hasValidCnic = true, hasPassport = true, hasAffidavit = true,
            applicantAbroad = true, appliedBy = AppliedBy.BLOOD_RELATIVE,
            hasAuthorityLetter = false, hasPhotograph = true,
        )
        val request = Request(ServiceId.CHARACTER_CERTIFICATE_ISSUE, Jurisdiction.PB, date("2026-03-02"), facts = facts)
        val docs = catalogue.documents(request)
        assertEquals(catalogue.service(ServiceId.CHARACTER_CERTIFICATE_ISSUE).documentIds[Jurisdiction.PB], docs.map { it.id })
        val letter = docs.single { it.id == "authority_letter" }
        assertEquals(true, letter.required)
        assertEquals(false, letter.provided)
        assertTrue(letter.missing)
        assertTrue(letter.condition!!.contains("applicant_abroad"), letter.condition)
        assertTrue(letter.nameUr.isNotBlank() && letter.name.isNotBlank())
        val decision = catalogue.evaluate(request)
        assertFalse(decision.eligible)
        // Not abroad: the letter is not required.
        val home = catalogue.documents(request.copy(facts = Facts(applicantAbroad = false)))
        assertEquals(false, home.single { it.id == "authority_letter" }.required)
    }

    @Test
    fun deadlineChecksAtAnInstant() {
        val facts = Facts(
            possessionAt = at("2025-12-31T20:00:00+05:00"),
            reportedAt = at("2026-01-02T19:59:00+05:00"),
        )
        val request = Request(
            ServiceId.TENANT_DEADLINE, Jurisdiction.SD, date("2026-01-02"),
            at = at("2026-01-02T19:59:00+05:00"), facts = facts,
        )
        val decision = catalogue.evaluate(request)
        assertTrue(decision.eligible)
        assertEquals(FeeStatus.NOT_CHARGED, decision.quote.status)
        assertEquals(at("2026-01-02T19:59:00+05:00"), decision.at)
        val deadline = decision.deadline as Deadline.LastMoment
        assertEquals(at("2026-01-02T20:00:00+05:00"), deadline.at)
        assertEquals("2026-01-02T20:00:00+05:00", deadline.text)
        // Two minutes later it is late.
        val late = catalogue.evaluate(request.copy(
            at = at("2026-01-02T20:01:00+05:00"),
            facts = facts.copy(reportedAt = at("2026-01-02T20:01:00+05:00")),
        ))
        assertFalse(late.eligible)
        // asOf must be the Pakistan date of `at`.
        val e = assertThrows<KmException.InvalidInput> { catalogue.evaluate(request.copy(asOf = date("2026-01-03"))) }
        assertEquals("request.as_of", e.code)
        assertEquals(date("2026-01-03"), pakistanDate(at("2026-01-02T19:30:00Z")))
    }

    @Test
    fun validityCheckGivesTheLastDay() {
        val request = Request(
            ServiceId.CHARACTER_CERTIFICATE_VALIDITY, Jurisdiction.PB, date("2025-06-30"),
            facts = Facts(issuedOn = date("2025-01-01")),
        )
        val decision = catalogue.evaluate(request)
        assertTrue(decision.eligible)
        assertEquals(Deadline.LastDay(date("2025-06-30")), decision.deadline)
        assertFalse(catalogue.evaluate(request.copy(asOf = date("2025-07-01"))).eligible)
    }

    @Test
    fun missingFactsAreListed() {
        // A missing required fact makes the decision undetermined and is named.
        val d = catalogue.evaluate(learnerPermit("2026-03-01", Facts(category = ayesha.category)))
        assertEquals(Outcome.UNDETERMINED, d.outcome)
        assertFalse(d.eligible)
        assertEquals(listOf(FactKey.DATE_OF_BIRTH, FactKey.HAS_VALID_CNIC), d.missingFacts)
        assertTrue(d.outcomeMessageEn!!.isNotBlank() && d.outcomeMessageUr!!.isNotBlank())
        // Invalid input is still an error.
        val e = assertThrows<KmException.InvalidInput> {
            catalogue.evaluate(learnerPermit("2026-03-01", ayesha.copy(licenceTermYears = 2L)))
        }
        assertEquals("fact.out_of_range", e.code)
        assertEquals(ErrorKind.INVALID_INPUT, e.kind())
    }

    @Test
    fun factsFromJsonUseTheDictionary() {
        val facts = factsFromJson("""{"category": "motorcycle", "date_of_birth": "2008-02-29", "has_valid_cnic": true}""")
        assertEquals(ayesha, facts)
        assertEquals(listOf(uniffi.kmcore.FactKey.DATE_OF_BIRTH, uniffi.kmcore.FactKey.CATEGORY, uniffi.kmcore.FactKey.HAS_VALID_CNIC), facts.keys())
        val instant = factsFromJson("""{"reported_at": "2026-01-02T19:59:00+05:00"}""")
        assertEquals(at("2026-01-02T19:59:00+05:00"), instant.reportedAt)
        for (bad in listOf("""{"shoe_size": 42}""", """{"category": "tractor"}""", """{"urgent": "yes"}""", "[", "")) {
            val e = assertThrows<KmException.InvalidInput>(bad) { factsFromJson(bad) }
            assertEquals("fact.json", e.code, bad)
        }
    }

    @Test
    fun availabilityNotKnownIsAFailedCheck() {
        // No source says either way whether these centres offer it: not known.
        val info = catalogue.services().first { it.offeredIn.size < Jurisdiction.entries.size }
        val elsewhere = Jurisdiction.entries.first { it !in info.offeredIn }
        val decision = catalogue.evaluate(Request(info.id, elsewhere, date("2026-03-01")))
        assertFalse(decision.eligible)
        val notKnown = decision.checks.single { it.code == "rule.not_known" }
        assertFalse(notKnown.passed)
        assertTrue(decision.quote.status in listOf(FeeStatus.NOT_KNOWN, FeeStatus.NOT_CHARGED))
    }
}
