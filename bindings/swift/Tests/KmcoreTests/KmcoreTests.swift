import Foundation
import XCTest

@testable import Kmcore

final class KmcoreTests: XCTestCase {
    func testFormatsMoney() throws {
        XCTAssertEqual(formatMoney(paisa: 183_000), "Rs 1,830")
        XCTAssertEqual(formatMoney(paisa: 183_050), "Rs 1,830.50")
        XCTAssertEqual(formatMoney(paisa: -50_000), "-Rs 500")
        XCTAssertEqual(formatMoney(paisa: Int64.min), "-Rs 92,233,720,368,547,758.08")
        XCTAssertEqual(try rupeesToPaisa(rupees: 1_830), 183_000)
    }

    func testBadInputThrowsASwiftError() {
        XCTAssertThrowsError(try rupeesToPaisa(rupees: Int64.max)) { error in
            guard case let KmError.InvalidInput(code, detail) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(code, "money.overflow")
            XCTAssertTrue(detail.contains("\(Int64.max)"), detail)
            let kmError = error as! KmError
            XCTAssertEqual(kmError.description, detail)
            XCTAssertEqual(kmError.errorDescription, detail)
            XCTAssertEqual("\(kmError)", detail)
            #if canImport(Darwin)
            XCTAssertEqual(error.localizedDescription, detail)
            #endif
        }
    }

    func testObjectMethodsAndErrors() throws {
        let till = Till(label: "counter 1")
        XCTAssertEqual(try till.add(paisa: 183_000), 183_000)
        XCTAssertThrowsError(try till.add(paisa: -1)) { error in
            guard case let KmError.InvalidInput(code, _) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(code, "money.negative")
        }
        XCTAssertEqual(
            till.summary(),
            TillSummary(label: "counter 1", count: 1, totalPaisa: 183_000, totalText: "Rs 1,830")
        )
        // The Rust object is freed when the last Swift reference goes (deinit).
    }

    func testOneObjectFromManyThreads() throws {
        let threads = 8
        let callsPerThread = 1000
        let till = Till(label: "shared")
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<callsPerThread {
                _ = try! till.add(paisa: 100)
            }
        }
        let summary = till.summary()
        XCTAssertEqual(summary.count, UInt64(threads * callsPerThread))
        XCTAssertEqual(summary.totalPaisa, Int64(threads * callsPerThread * 100))
        XCTAssertEqual(summary.totalText, "Rs 8,000")
    }

    func testDates() throws {
        // SystemTime <-> Date; chrono::NaiveDate <-> "YYYY-MM-DD" String in Swift.
        let formatter = ISO8601DateFormatter()
        let at = formatter.date(from: "2025-03-01T19:30:00Z")!  // 00:30 on 2 March in Pakistan
        XCTAssertEqual(pakistanDate(at: at), "2025-03-02")
        XCTAssertEqual(try addDays(date: "2025-03-02", days: 29), "2025-03-31")
        XCTAssertThrowsError(try addDays(date: "2025-03-02", days: Int64.max)) { error in
            guard case let KmError.InvalidInput(code, _) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(code, "date.range")
        }
        // A string that is not a date throws KmError (the function can fail).
        XCTAssertThrowsError(try addDays(date: "2025-02-30", days: 1)) { error in
            guard case let KmError.InvalidInput(code, _) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(code, "date.parse")
        }
    }
}
