// Swift tests of the kmcore bindings: the same API as the Kotlin tests
// (bindings/kotlin/src/test), with Swift naming. Run on macOS (or Linux with
// a Swift toolchain) by bindings/scripts/test-swift.sh; skipped elsewhere.
import Foundation
import XCTest

@testable import Kmcore

private func at(_ text: String) -> Date {
    ISO8601DateFormatter().date(from: text)!
}

private let ayesha = Facts(dateOfBirth: "2008-02-29", category: .motorcycle, hasValidCnic: true)

private func learnerPermit(_ day: NaiveDate, _ facts: Facts = ayesha) -> Request {
    Request(service: .learnerPermit, jurisdiction: .pb, asOf: day, facts: facts)
}

/// The error as KmError (every fallible call throws only KmError).
private func km(_ error: Error) -> KmError {
    guard let e = error as? KmError else {
        XCTFail("not a KmError: \(error)")
        fatalError()
    }
    return e
}

final class KmcoreTests: XCTestCase {
    func testCatalogueServicesAndWorkflows() throws {
        let catalogue = try Catalogue.embedded()
        XCTAssertFalse(catalogue.bundleVersion().isEmpty)
        let services = catalogue.services()
        XCTAssertEqual(services.map(\.id), ServiceId.allCases)
        let learner = catalogue.service(id: .learnerPermit)
        XCTAssertEqual(learner.title, "Learner driving permit")
        XCTAssertEqual(learner.code, ServiceId.learnerPermit.code())
        XCTAssertEqual(
            Set(learner.requiredFacts[.pb] ?? []),
            [.category, .dateOfBirth, .hasValidCnic]
        )
        XCTAssertEqual(learner.workflow?.initial, "draft")
        XCTAssertTrue(catalogue.workflowMermaid(service: .learnerPermit)!.hasPrefix("stateDiagram-v2"))
        XCTAssertNil(catalogue.service(id: .tenantDeadline).workflow)
        XCTAssertEqual(try serviceIdFromCode(code: "driving_licence.learner_permit"), .learnerPermit)
        XCTAssertEqual(FactKey.dateOfBirth.key(), "date_of_birth")
        XCTAssertEqual(Jurisdiction.pb.displayName(), "Punjab")
    }

    func testEligibilityWithReasonsInEnglishAndUrdu() throws {
        let catalogue = try Catalogue.embedded()
        let yes = try catalogue.evaluate(request: learnerPermit("2026-03-01"))
        XCTAssertTrue(yes.eligible)
        XCTAssertEqual(yes.feeDuePaisa, 50_000)
        let no = try catalogue.evaluate(request: learnerPermit("2026-02-28"))
        XCTAssertFalse(no.eligible)
        XCTAssertNil(no.feeDuePaisa)
        let age = no.checks.first { $0.code == "age.minimum" }!
        XCTAssertFalse(age.passed)
        XCTAssertTrue(age.messageEn.contains("18"))
        XCTAssertTrue(age.messageUr.contains("\u{2066}"))
        XCTAssertEqual(age.params["minimum"], "18 years")
        XCTAssertTrue(age.rule!.source.hasPrefix("https://"))
    }

    func testFeeQuoteAndBatch() throws {
        let catalogue = try Catalogue.embedded()
        let quote = try catalogue.quote(request: learnerPermit("2026-03-01"))
        XCTAssertEqual(quote.status, .known)
        XCTAssertEqual(quote.totalText, "Rs 500")
        XCTAssertEqual(quote.lines.first?.kind, .base)
        let outcomes = catalogue.quoteBatch(requests: [
            learnerPermit("2026-03-01"),
            learnerPermit("2026-03-01", Facts(category: .motorcycle)),
        ])
        XCTAssertEqual(outcomes[0].quote, quote)
        XCTAssertEqual(outcomes[1].error?.code, "fact.missing")
        XCTAssertEqual(formatMoney(paisa: 183_050), "Rs 1,830.50")
    }

    func testDocumentsChecklist() throws {
        let catalogue = try Catalogue.embedded()
        let facts = Facts(
            hasValidCnic: true, hasPassport: true, hasAffidavit: true, applicantAbroad: true,
            appliedBy: .bloodRelative, hasAuthorityLetter: false, hasPhotograph: true
        )
        let request = Request(
            service: .characterCertificateIssue, jurisdiction: .pb, asOf: "2026-03-02", facts: facts)
        let letter = try catalogue.documents(request: request).first { $0.id == "authority_letter" }!
        XCTAssertEqual(letter.required, true)
        XCTAssertTrue(letter.missing)
    }

    func testDeadlineAtAnInstant() throws {
        let catalogue = try Catalogue.embedded()
        let facts = Facts(
            possessionAt: at("2025-12-31T20:00:00+05:00"), reportedAt: at("2026-01-02T19:59:00+05:00"))
        let request = Request(
            service: .tenantDeadline, jurisdiction: .sd, asOf: "2026-01-02",
            at: at("2026-01-02T19:59:00+05:00"), facts: facts)
        let decision = try catalogue.evaluate(request: request)
        XCTAssertTrue(decision.eligible)
        guard case let .lastMoment(moment, text)? = decision.deadline else {
            return XCTFail("no deadline: \(String(describing: decision.deadline))")
        }
        XCTAssertEqual(moment, at("2026-01-02T20:00:00+05:00"))
        XCTAssertEqual(text, "2026-01-02T20:00:00+05:00")
    }

    func testErrorsCarryCodeAndHumanText() throws {
        let catalogue = try Catalogue.embedded()
        XCTAssertThrowsError(try catalogue.evaluate(request: learnerPermit("2026-03-01", Facts()))) { error in
            let e = km(error)
            XCTAssertEqual(e.kind(), .invalidInput)
            XCTAssertEqual(e.reasonCode(), "fact.missing")
            guard case let .InvalidInput(code, detail, _, _, _, _, _, _) = e else {
                return XCTFail("unexpected error \(e)")
            }
            XCTAssertEqual(code, "fact.missing")
            XCTAssertTrue(detail.contains("date_of_birth"))
            XCTAssertEqual(e.description, detail)
            XCTAssertEqual("\(e)", detail)
            #if canImport(Darwin)
            XCTAssertEqual(error.localizedDescription, detail)
            #endif
        }
        // A string that is not a date is an error, never a crash.
        XCTAssertThrowsError(try catalogue.evaluate(request: learnerPermit("2025-02-30"))) { error in
            XCTAssertEqual(km(error).reasonCode(), "date.parse")
        }
        XCTAssertThrowsError(try Catalogue.fromJson(fileName: "broken.json", text: "{")) { error in
            guard case let .Bundle(_, _, _, _, _, _, file, _) = km(error) else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(file, "broken.json")
        }
        for bad in ["", "x", "3520-21234567-1", String(repeating: "9", count: 10_000)] {
            XCTAssertThrowsError(try parseCnic(value: bad))
            XCTAssertThrowsError(try parseMobile(value: bad))
            XCTAssertThrowsError(try factsFromJson(text: bad))
            XCTAssertThrowsError(try Application.fromJson(catalogue: catalogue, json: bad))
        }
    }

    func testApplicationMovesThroughItsStates() throws {
        let catalogue = try Catalogue.embedded()
        let app = try Application(catalogue: catalogue, service: .learnerPermit, jurisdiction: .pb, id: "LHR-LP-1")
        XCTAssertEqual(app.state(), "draft")
        XCTAssertEqual(app.allowedEvents(), ["submit", "withdraw"])
        XCTAssertThrowsError(
            try app.apply(catalogue: catalogue, event: "issue", at: at("2026-03-01T10:00:00+05:00"), actor: .clerk, facts: nil)
        ) { error in
            guard case let .MoveNotAllowed(code, _, _, state, event, _, _, _) = km(error) else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(code, "workflow.move_not_allowed")
            XCTAssertEqual(state, "draft")
            XCTAssertEqual(event, "issue")
        }
        let submitted = try app.apply(
            catalogue: catalogue, event: "submit", at: at("2026-03-01T10:00:00+05:00"), actor: .clerk, facts: ayesha)
        XCTAssertEqual(submitted.feePaisa, 50_000)
        _ = try app.apply(catalogue: catalogue, event: "pay_fee", at: at("2026-03-01T10:05:00+05:00"), actor: .citizen, facts: nil)
        XCTAssertEqual(app.allowedEvents(), ["issue", "refuse"])
        _ = try app.apply(catalogue: catalogue, event: "issue", at: at("2026-03-01T10:20:00+05:00"), actor: .clerk, facts: nil)
        XCTAssertEqual(app.state(), "issued")
        XCTAssertEqual(app.facts().learnerIssuedOn, "2026-03-01")
        try app.verify()

        let json = app.toJson()
        let restored = try Application.fromJson(catalogue: catalogue, json: json)
        XCTAssertEqual(restored.state(), "issued")
        XCTAssertEqual(restored.events().map(\.event), ["submit", "pay_fee", "issue"])
        XCTAssertThrowsError(
            try Application.fromJson(catalogue: catalogue, json: json.replacingOccurrences(of: "\"citizen\"", with: "\"clerk\""))
        ) { error in
            guard case let .TamperedLog(_, _, _, _, _, index, _, _) = km(error) else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(index, 1)
        }
        let sla = try app.sla(catalogue: catalogue, now: at("2026-03-01T12:00:00+05:00"))
        XCTAssertEqual(sla.clock, .stopped)
        let times = try app.timeInStates(now: at("2026-03-01T11:20:00+05:00"))
        XCTAssertEqual(times.map(\.seconds), [300, 900, 3600])
    }

    func testIdentifiers() throws {
        let cnic = try parseCnic(value: "3520212345671")
        XCTAssertEqual(cnic.normalized, "35202-1234567-1")
        XCTAssertEqual(cnic.redacted, "35202-*******-1")
        XCTAssertEqual(cnic.gender, .male)
        XCTAssertEqual(cnic.region, .punjab)
        XCTAssertEqual(try parseMobile(value: "0300 1234567").normalized, "+923001234567")
        XCTAssertEqual(try parsePlate(value: "lea-123", scheme: .pbUniversal2017, kind: .car).normalized, "LEA-123")
        XCTAssertThrowsError(try parsePlate(value: "AIO-123", scheme: .pbUniversal2017, kind: .car))
    }

    func testOneCatalogueFromManyThreads() throws {
        let catalogue = try Catalogue.embedded()
        let expected = try catalogue.evaluate(request: learnerPermit("2026-03-01"))
        let lock = NSLock()
        var same = 0
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<200 {
                let d = try! catalogue.evaluate(request: learnerPermit("2026-03-01"))
                if d == expected {
                    lock.lock()
                    same += 1
                    lock.unlock()
                }
            }
        }
        XCTAssertEqual(same, 8 * 200)
    }
}
