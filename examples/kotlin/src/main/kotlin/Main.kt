// A counter clerk's view of kmcore from Kotlin: find a service, check an
// applicant, quote the fee, list the documents, and move the application
// through its states.
//
//     bash bindings/scripts/run-kotlin-example.sh
package example

import java.time.Instant
import java.time.LocalDate
import java.time.OffsetDateTime
import uniffi.kmcore.Actor
import uniffi.kmcore.Application
import uniffi.kmcore.Catalogue
import uniffi.kmcore.Decision
import uniffi.kmcore.Facts
import uniffi.kmcore.Jurisdiction
import uniffi.kmcore.KmException
import uniffi.kmcore.LicenceCategory
import uniffi.kmcore.Request
import uniffi.kmcore.formatMoney
import uniffi.kmcore.parseCnic

private fun at(text: String): Instant = OffsetDateTime.parse(text).toInstant()

private fun show(decision: Decision) {
    println("  eligible: ${if (decision.eligible) "yes" else "NO"}   (bundle ${decision.bundleVersion})")
    for (check in decision.checks) {
        println("  [${if (check.passed) "pass" else "FAIL"}] ${check.code}")
        println("         en: ${check.messageEn}")
        println("         ur: ${check.messageUr}")
    }
    val quote = decision.quote
    for (line in quote.lines) {
        println("  fee line ${line.kind.name.lowercase().padEnd(8)} ${line.amountText.padStart(9)}  ${line.rule.key} (${line.rule.basis.name.lowercase()}, from ${line.rule.from})")
    }
    val due = decision.feeDuePaisa?.let(::formatMoney)
        ?: if (!decision.eligible) "none: not eligible (the fee would be ${quote.totalText ?: "not known"})"
        else "none (fee ${quote.status.name.lowercase().replace('_', ' ')})"
    println("  fee due: $due")
}

fun main() {
    Catalogue.embedded().use { catalogue ->
        println("kmcore counter, bundle ${catalogue.bundleVersion()}")

        // 1. Find the service the citizen asks for.
        val service = catalogue.services().first { it.title.contains("learner", ignoreCase = true) }
        val pb = Jurisdiction.PB
        println("\n== ${service.title} / ${service.titleUr} (${service.code})")
        println("  offered in: ${service.offeredIn.joinToString { it.code() }}")
        println("  facts needed in ${pb.displayName()}: ${service.requiredFacts.getValue(pb).joinToString { it.key() }}")
        println("  states: ${service.workflow?.states?.joinToString { it.name }}")

        // 2. Check the applicant: CNIC first, then the rules, on two days.
        val cnic = parseCnic("3520212345672")
        println("\n== Applicant CNIC ${cnic.redacted} (${cnic.gender.name.lowercase()}, ${cnic.regionName})")
        val facts = Facts(
            category = LicenceCategory.MOTORCYCLE,
            dateOfBirth = LocalDate.of(2008, 2, 29),
            hasValidCnic = true,
        )
        for (day in listOf("2026-02-28", "2026-03-01")) {
            println("\n== Eligibility on $day")
            show(catalogue.evaluate(Request(service.id, pb, LocalDate.parse(day), facts = facts)))
        }

        // 3. Quote and documents for the day she qualifies.
        val request = Request(service.id, pb, LocalDate.parse("2026-03-01"), facts = facts)
        val quote = catalogue.quote(request)
        println("\n== Quote: ${quote.totalText ?: "not known"} (${quote.lines.size} line(s))")
        println("== Documents")
        for (doc in catalogue.documents(request)) {
            val required = when (doc.required) { true -> "required"; false -> "not required"; null -> "depends" }
            println("  ${doc.name} / ${doc.nameUr}: $required${doc.condition?.let { " ($it)" } ?: ""}")
        }

        // 4. Move the application through its states.
        println("\n== Application LHR-LP-000123")
        Application(catalogue, service.id, pb, "LHR-LP-000123").use { app ->
            val steps = listOf(
                Triple("issue", "2026-03-01T10:00:00+05:00", Actor.CLERK), // not yet: refused
                Triple("submit", "2026-03-01T10:02:00+05:00", Actor.CLERK),
                Triple("pay_fee", "2026-03-01T10:06:00+05:00", Actor.CITIZEN),
                Triple("issue", "2026-03-01T10:20:00+05:00", Actor.CLERK),
            )
            println("  state ${app.state()}, next ${app.allowedEvents()}")
            for ((event, time, actor) in steps) {
                try {
                    val record = app.apply(catalogue, event, at(time), actor, if (event == "submit") facts else null)
                    val fee = record.feePaisa?.let { ", fee fixed at ${formatMoney(it)}" } ?: ""
                    println("  $event by ${actor.name.lowercase()}$fee -> state ${app.state()}, next ${app.allowedEvents()}")
                } catch (e: KmException) {
                    println("  $event refused (${e.reasonCode()}): ${e.message}")
                }
            }
            println("  learner permit issued on ${app.facts().learnerIssuedOn}")
            val json = app.toJson()
            Application.fromJson(catalogue, json).use { restored ->
                restored.verify()
                println("  log of ${json.length} bytes restored and verified: state ${restored.state()}")
            }
            val sla = app.sla(catalogue, at("2026-03-01T12:00:00+05:00"))
            println("  SLA clock ${sla.clock.name.lowercase()}, ${sla.elapsedWorkingDays} working day(s) elapsed")
        }
    }
}
