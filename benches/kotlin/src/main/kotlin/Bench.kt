// Fee-quote benchmark from Kotlin: single calls across the FFI against one
// batch call for many applications. Prints nanoseconds per call (median of
// 7 rounds after a warm-up). No assertions on time: figures only.
package bench

import java.time.LocalDate
import uniffi.kmcore.Catalogue
import uniffi.kmcore.Facts
import uniffi.kmcore.Jurisdiction
import uniffi.kmcore.LicenceCategory
import uniffi.kmcore.Request
import uniffi.kmcore.ServiceId
import uniffi.kmcore.formatMoney

private var sink = 0L

/** Median ns per unit over [rounds] rounds of [n] calls of [f], after one warm-up round. */
private fun timePerCall(rounds: Int, n: Int, unitsPerCall: Int = 1, f: () -> Long): Double {
    repeat(n) { sink += f() }
    val samples = (1..rounds).map {
        val start = System.nanoTime()
        repeat(n) { sink += f() }
        (System.nanoTime() - start).toDouble() / (n.toLong() * unitsPerCall)
    }.sorted()
    return samples[samples.size / 2]
}

fun main() {
    val request = Request(
        ServiceId.LEARNER_PERMIT, Jurisdiction.PB, LocalDate.of(2026, 3, 1),
        facts = Facts(category = LicenceCategory.MOTORCYCLE, dateOfBirth = LocalDate.of(2008, 2, 29), hasValidCnic = true),
    )
    Catalogue.embedded().use { catalogue ->
        check(catalogue.quote(request).feeDuePaisa == 50_000L)
        val batchSize = 1_000
        val batch = List(batchSize) { request }
        val floor = timePerCall(7, 30_000) { formatMoney(50_000L).length.toLong() }
        val single = timePerCall(7, 20_000) { catalogue.quote(request).feeDuePaisa ?: 0L }
        val evaluate = timePerCall(7, 20_000) { catalogue.evaluate(request).checks.size.toLong() }
        val perApplication = timePerCall(7, 50, batchSize) {
            catalogue.quoteBatch(batch).sumOf { it.quote?.feeDuePaisa ?: 0L }
        }
        println("Kotlin (JNA, uniffi), learner permit PB quote, median of 7 rounds:")
        println("  formatMoney (FFI floor)    %8.0f ns/call".format(floor))
        println("  quote                      %8.0f ns/call".format(single))
        println("  evaluate (with messages)   %8.0f ns/call".format(evaluate))
        println("  quoteBatch(%d)           %8.0f ns/application".format(batchSize, perApplication))
        println("  (checksum $sink)")
    }
}
