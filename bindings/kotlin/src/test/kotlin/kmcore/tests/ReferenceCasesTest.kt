package kmcore.tests

import java.io.File
import java.time.LocalDate
import java.time.OffsetDateTime
import java.time.ZoneOffset
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import uniffi.kmcore.Catalogue
import uniffi.kmcore.Deadline
import uniffi.kmcore.FactKey
import uniffi.kmcore.Outcome
import uniffi.kmcore.Facts
import uniffi.kmcore.Jurisdiction
import uniffi.kmcore.KmException
import uniffi.kmcore.Request
import uniffi.kmcore.ServiceInfo
import uniffi.kmcore.factsFromJson
import uniffi.kmcore.jurisdictionFromCode
import uniffi.kmcore.parseCnic
import uniffi.kmcore.parseMobile
import uniffi.kmcore.parsePlate

/**
 * Runs every reference case (`*.json` under the cases directory) through the
 * Kotlin API, following the harness rules of the cases' FACTS.md §1:
 *
 * 1. An unknown service (not in the cases' vocabulary, FACTS.md §4),
 *    jurisdiction, fact key (not in the cases' dictionary, §5) or value,
 *    case key or `expect` key fails the case (never skipped). The library
 *    knows a few more services and keys than the cases do; a case naming
 *    one of them fails too.
 * 2. The facts a service requires come from the catalogue
 *    (`ServiceInfo.requiredFacts`); a missing one fails the case, and so
 *    does a given one that the service neither requires nor takes as an
 *    optional fact (ICT's `licence_held_since` for HTV and PSV...).
 * 3. `eligible` and `fee_pkr` are always compared; `deadline`, `gender` and
 *    `normalized` when present.
 * 4. `uncertain` cases run and are counted apart; only a failed `confirmed`
 *    case fails the test.
 * 5. Ids are unique across files.
 *
 * The directory is `KMCORE_CASES_DIR`, else `../shared/reference/cases`
 * beside the repository root (the system property `kmcore.repo.root`, set by
 * the pom).
 */
class ReferenceCasesTest {
    private val caseKeys = setOf("id", "service", "jurisdiction", "as_of", "facts", "expect", "basis", "source", "note")
    private val expectKeys = setOf("eligible", "eligible_from", "fee_pkr", "deadline", "gender", "normalized")
    private val identifierFacts = mapOf(
        "identifier.cnic" to setOf(FactKey.VALUE),
        "identifier.mobile" to setOf(FactKey.VALUE),
        "identifier.vehicle_registration" to setOf(FactKey.VALUE, FactKey.PLATE_SCHEME, FactKey.VEHICLE_KIND),
    )
    private val pkt = ZoneOffset.ofHours(5)

    /** The services of the cases' vocabulary (FACTS.md §4). */
    private val vocabulary = setOf(
        "driving_licence.learner_permit", "driving_licence.test_booking", "driving_licence.retest",
        "driving_licence.permanent", "driving_licence.renewal", "driving_licence.duplicate",
        "driving_licence.international_permit", "driving_licence.juvenile_motorcycle_permit",
        "character_certificate.issue", "character_certificate.validity", "police_verification.general",
        "tenant_registration.register", "tenant_registration.deadline", "guest_registration.deadline",
        "employee_registration.verify", "arms_licence.new", "arms_licence.renewal", "arms_licence.duplicate",
        "lost_report.file", "vehicle_verification.verify", "foreigner_registration.register",
        "identifier.cnic", "identifier.mobile", "identifier.vehicle_registration",
    )

    /** The facts dictionary of the cases (FACTS.md §5). */
    private val dictionary = setOf(
        "date_of_birth", "category", "has_valid_cnic", "learner_issued_on", "passed_sign_test",
        "passed_road_test", "licence_held_since", "licence_term_years", "urgent",
        "has_medical_fitness_certificate", "failed_test", "failed_test_on", "expires_on",
        "has_valid_national_licence", "has_valid_visa", "engine_cc", "parental_consent", "has_passport",
        "has_affidavit", "applicant_abroad", "applied_by", "has_authority_letter", "has_photograph",
        "has_local_address", "has_residence_proof", "purpose", "issued_on", "premises", "has_rent_agreement",
        "possession_at", "checked_in_at", "reported_at", "establishment", "worker_present", "is_citizen",
        "has_domicile", "is_active_taxpayer", "has_criminal_record", "is_fugitive", "is_proscribed_member",
        "is_infirm", "vehicle_kind", "plate_scheme", "value",
    )

    private fun casesDir(): File {
        System.getenv("KMCORE_CASES_DIR")?.takeIf { it.isNotEmpty() }?.let { return File(it) }
        val root = System.getProperty("kmcore.repo.root")
            ?: error("system property kmcore.repo.root is not set (run through Maven)")
        return File(root).resolve("../shared/reference/cases").normalize()
    }

    /** What the library answered, in the cases' terms. */
    private data class Answer(
        /** true eligible, false refused, null undetermined. */
        val eligible: Boolean?,
        val eligibleFrom: LocalDate? = null,
        val feePkr: Long? = null,
        val deadline: Deadline? = null,
        val gender: String? = null,
        val normalized: String? = null,
    )

    private class CaseFailure(why: String) : Exception(why)

    private fun fail(why: String): Nothing = throw CaseFailure(why)

    private fun facts(raw: Any?): Facts {
        if (raw !is JSONObject) fail("`facts` is not an object")
        raw.keySet().firstOrNull { it !in dictionary }?.let { fail("fact `$it` is not in the facts dictionary") }
        return try {
            factsFromJson(raw.toString()) // unknown keys and values are errors here
        } catch (e: KmException) {
            fail(e.message ?: e.reasonCode())
        }
    }

    private fun runIdentifier(service: String, facts: Facts): Answer {
        val allowed = identifierFacts[service] ?: fail("unknown service `$service`")
        val extra = facts.keys().filter { it !in allowed }
        if (extra.isNotEmpty()) fail("facts ${extra.map { it.key() }} are not listed for $service")
        for (key in allowed) if (key !in facts.keys()) fail("required fact `${key.key()}` is missing")
        val value = facts.value!!
        return try {
            when (service) {
                "identifier.cnic" -> parseCnic(value).let {
                    Answer(true, gender = it.gender.name.lowercase(), normalized = it.normalized)
                }
                "identifier.mobile" -> Answer(true, normalized = parseMobile(value).normalized)
                else -> Answer(true, normalized = parsePlate(value, facts.plateScheme!!, facts.vehicleKind!!).normalized)
            }
        } catch (e: KmException.InvalidInput) {
            Answer(false)
        }
    }

    private fun runService(catalogue: Catalogue, info: ServiceInfo, j: Jurisdiction, asOf: String, facts: Facts): Answer {
        val required = info.requiredFacts.getValue(j)
        val given = facts.keys()
        given.firstOrNull { it !in required && it !in info.optionalFacts }?.let { fail("fact `${it.key()}` is not listed for ${info.code} in $j") }
        required.firstOrNull { it !in given }?.let { fail("required fact `${it.key()}` is missing") }
        val request = if (asOf.length == 10) {
            Request(info.id, j, LocalDate.parse(asOf), facts = facts)
        } else {
            // Another offset is the same moment, dated in Pakistan time.
            val at = OffsetDateTime.parse(asOf).withOffsetSameInstant(pkt)
            Request(info.id, j, at.toLocalDate(), at = at.toInstant(), facts = facts)
        }
        val decision = try {
            catalogue.evaluate(request)
        } catch (e: KmException) {
            fail("${e.reasonCode()}: ${e.message}")
        }
        val fee = decision.feeDuePaisa?.let {
            if (it % 100 != 0L) fail("fee $it paisa is not whole rupees")
            it / 100
        }
        val eligible = when (decision.outcome) {
            Outcome.ELIGIBLE -> true
            Outcome.REFUSED -> false
            Outcome.UNDETERMINED -> null
        }
        return Answer(eligible, decision.eligibleFrom, fee, decision.deadline)
    }

    private fun runCase(catalogue: Catalogue, services: Map<String, ServiceInfo>, case: JSONObject) {
        case.keySet().firstOrNull { it !in caseKeys }?.let { fail("unknown case key `$it`") }
        val expect = case.optJSONObject("expect") ?: fail("`expect` missing")
        expect.keySet().firstOrNull { it !in expectKeys }?.let { fail("unknown expect key `$it`") }
        val service = case.optString("service", null) ?: fail("`service` missing")
        if (service !in vocabulary) fail("unknown service `$service`")
        if (!case.has("jurisdiction")) fail("`jurisdiction` missing")
        val jurisdiction = when (val j = case.get("jurisdiction")) {
            JSONObject.NULL -> null
            is String -> try {
                jurisdictionFromCode(j)
            } catch (e: KmException) {
                fail(e.message!!)
            }
            else -> fail("`jurisdiction` is not a string")
        }
        val asOf = case.optString("as_of", null) ?: fail("`as_of` missing")
        try {
            if (asOf.length == 10) LocalDate.parse(asOf) else OffsetDateTime.parse(asOf)
        } catch (e: java.time.format.DateTimeParseException) {
            fail("`as_of` `$asOf` is not a date or an RFC 3339 datetime")
        }
        val facts = facts(case.opt("facts") ?: fail("`facts` missing"))

        val answer = if (service.startsWith("identifier.")) {
            if (jurisdiction != null) fail("identifier cases take a null jurisdiction")
            runIdentifier(service, facts)
        } else {
            val info = services[service] ?: fail("unknown service `$service`")
            runService(catalogue, info, jurisdiction ?: fail("jurisdiction is null for a service case"), asOf, facts)
        }

        val wrong = mutableListOf<String>()
        if (!expect.has("eligible")) fail("`expect.eligible` missing")
        val wantEligible: Boolean? = when (val e = expect.get("eligible")) {
            JSONObject.NULL -> null
            is Boolean -> e
            else -> fail("`expect.eligible` is not a bool or null")
        }
        if (answer.eligible != wantEligible) wrong += "eligible: got ${answer.eligible}, want $wantEligible (null: undetermined)"
        if (expect.has("eligible_from")) {
            val want = LocalDate.parse(expect.getString("eligible_from"))
            if (answer.eligibleFrom != want) wrong += "eligible_from: got ${answer.eligibleFrom}, want $want"
        }
        if (!expect.has("fee_pkr")) fail("`expect.fee_pkr` missing")
        val wantFee: Long? = when (val f = expect.get("fee_pkr")) {
            JSONObject.NULL -> null
            is Int -> f.toLong()
            is Long -> f
            else -> fail("`expect.fee_pkr` is not an integer")
        }
        if (answer.feePkr != wantFee) wrong += "fee_pkr: got ${answer.feePkr}, want $wantFee"
        if (expect.has("deadline")) {
            val want = expect.optString("deadline", null) ?: fail("`expect.deadline` is not a string")
            val got = answer.deadline
            val same = if (want.length == 10) {
                got is Deadline.LastDay && got.date == LocalDate.parse(want)
            } else {
                val w = OffsetDateTime.parse(want)
                got is Deadline.LastMoment && got.at == w.toInstant() && OffsetDateTime.parse(got.text).offset == w.offset
            }
            if (!same) wrong += "deadline: got $got, want $want"
        }
        for ((key, got) in listOf("gender" to answer.gender, "normalized" to answer.normalized)) {
            if (expect.has(key)) {
                val want = expect.optString(key, null) ?: fail("`expect.$key` is not a string")
                if (got != want) wrong += "$key: got $got, want $want"
            }
        }
        if (wrong.isNotEmpty()) fail(wrong.joinToString("; "))
    }

    @Test
    fun everyReferenceCase() {
        val dir = casesDir()
        // The cases beside FACTS.md and those of next/ are one set.
        val files = (dir.listFiles { f -> f.isFile && f.name.endsWith(".json") }?.sortedBy { it.name }
            ?: error("cannot read cases directory $dir")) +
            (java.io.File(dir, "next").listFiles { f -> f.isFile && f.name.endsWith(".json") }?.sortedBy { it.name } ?: emptyList())
        assertTrue(files.isNotEmpty(), "no case files in $dir")
        Catalogue.embedded().use { catalogue ->
            val services = catalogue.services().associateBy { it.code }
            val ids = mutableSetOf<String>()
            var passed = 0
            var failed = 0
            var uncertainAgree = 0
            var uncertainDiffer = 0
            val failures = mutableListOf<String>()
            for (file in files) {
                val cases = try {
                    JSONArray(file.readText())
                } catch (e: org.json.JSONException) {
                    error("${file.name}: not a JSON array of cases: ${e.message}")
                }
                for (i in 0 until cases.length()) {
                    val case = cases.optJSONObject(i)
                    val id = case?.optString("id", null) ?: "${file.name}[$i]"
                    val basis = case?.optString("basis", null) ?: "?"
                    var why: String? = try {
                        if (case == null) fail("case is not an object")
                        runCase(catalogue, services, case)
                        null
                    } catch (e: CaseFailure) {
                        e.message
                    }
                    if (!ids.add(id)) why = "duplicate id"
                    if (basis != "confirmed" && basis != "uncertain") why = "unknown basis `$basis`"
                    when {
                        basis == "uncertain" && why == null -> uncertainAgree++
                        basis == "uncertain" -> {
                            uncertainDiffer++
                            println("uncertain case differs: $id: $why")
                        }
                        why == null -> passed++
                        else -> {
                            failed++
                            failures += "$id: $why"
                        }
                    }
                }
            }
            failures.forEach { println("FAILED $it") }
            println("Kotlin reference cases: $passed passed, $failed failed (uncertain: $uncertainAgree agree, $uncertainDiffer differ)")
            assertTrue(failures.isEmpty(), "${failures.size} confirmed case(s) failed:\n" + failures.joinToString("\n"))
        }
    }
}
