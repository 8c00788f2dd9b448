// Kotlin benchmark: what one call costs from the JVM, through the generated
// uniffi API and through the fast path (FastCatalogue / FastApplication),
// and a batch of many applications in one crossing. Prints the median
// nanoseconds per call of 7 rounds after warm-up rounds, and the Java heap
// bytes allocated per call (ThreadMXBean). No assertions on time: figures
// only. The answers of the two paths are compared before timing.
package bench

import java.lang.management.ManagementFactory
import java.time.Instant
import java.time.LocalDate
import uniffi.kmcore.Actor
import uniffi.kmcore.Application
import uniffi.kmcore.Catalogue
import uniffi.kmcore.FastApplication
import uniffi.kmcore.FastCatalogue
import uniffi.kmcore.Facts
import uniffi.kmcore.Jurisdiction
import uniffi.kmcore.LicenceCategory
import uniffi.kmcore.Request
import uniffi.kmcore.ServiceId
import uniffi.kmcore.formatMoney

private var sink = 0L

private val threads = ManagementFactory.getThreadMXBean() as com.sun.management.ThreadMXBean

private fun allocatedBytes(): Long = threads.getThreadAllocatedBytes(Thread.currentThread().id)

/** The median ns per unit of 7 rounds of [n] calls of [f], and the heap bytes per unit of those rounds. */
private class Figure(val nsPerUnit: Double, val bytesPerUnit: Double)

private fun measure(n: Int, unitsPerCall: Int = 1, warmups: Int = 2, f: () -> Long): Figure {
    repeat(warmups) { repeat(n) { sink += f() } }
    val bytesBefore = allocatedBytes()
    val samples = (1..7).map {
        val start = System.nanoTime()
        repeat(n) { sink += f() }
        (System.nanoTime() - start).toDouble() / (n.toLong() * unitsPerCall)
    }.sorted()
    val bytes = (allocatedBytes() - bytesBefore).toDouble() / (7L * n * unitsPerCall)
    return Figure(samples[samples.size / 2], bytes)
}

private fun row(name: String, figure: Figure, unit: String = "call") {
    println("  %-42s %9.0f ns/%-11s %8.0f B/%s".format(name, figure.nsPerUnit, unit, figure.bytesPerUnit, unit))
}

fun main(args: Array<String>) {
    val request = Request(
        ServiceId.LEARNER_PERMIT, Jurisdiction.PB, LocalDate.of(2026, 3, 1),
        facts = Facts(category = LicenceCategory.MOTORCYCLE, dateOfBirth = LocalDate.of(2008, 2, 29), hasValidCnic = true),
    )
    Catalogue.embedded().use { catalogue ->
        check(catalogue.quote(request).feeDuePaisa == 50_000L)
        Application(catalogue, ServiceId.LEARNER_PERMIT, Jurisdiction.PB, "B-1").use { app ->
            app.apply(catalogue, "submit", Instant.parse("2026-03-01T05:00:00Z"), Actor.CLERK, request.facts)
            val batchSize = 1_000
            val batch = List(batchSize) { request }

            println("Kotlin, learner permit PB (${System.getProperty("java.vm.name")} ${System.getProperty("java.version")})")
            println("median of 7 rounds after 2 warm-up rounds; B = Java heap bytes allocated per call")
            // The fast path first: the generated path leaves a backlog of JNA
            // memory for the cleaner thread and the GC, which would slow
            // whatever runs after it. `fast` or `generated` as the argument
            // runs one section alone.
            val sections = args.toSet().ifEmpty { setOf("fast", "generated") }
            if ("fast" in sections) {
                FastCatalogue(catalogue).use { fast ->
                    FastApplication(app).use { fastApp ->
                        check(fast.quote(request) == catalogue.quote(request))
                        check(fast.evaluate(request) == catalogue.evaluate(request))
                        check(fastApp.isTerminal() == app.isTerminal())
                        println("fast path (FastCatalogue, FastApplication):")
                        row("isTerminal", measure(200_000) { if (fastApp.isTerminal()) 1L else 0L })
                        row("feeDuePaisa", measure(200_000) { fast.feeDuePaisa(request) ?: 0L })
                        row("quote", measure(200_000) { fast.quote(request).feeDuePaisa ?: 0L })
                        row("evaluate (with messages)", measure(100_000) { fast.evaluate(request).checks.size.toLong() })
                    }
                }
            }
            if ("generated" in sections) {
                println("generated API (uniffi, JNA):")
                row("formatMoney (FFI floor)", measure(20_000) { formatMoney(50_000L).length.toLong() })
                row("isTerminal", measure(20_000) { if (app.isTerminal()) 1L else 0L })
                row("quote", measure(20_000) { catalogue.quote(request).feeDuePaisa ?: 0L })
                row("evaluate (with messages)", measure(10_000) { catalogue.evaluate(request).checks.size.toLong() })
                row("quoteBatch($batchSize)", measure(20, batchSize) {
                    catalogue.quoteBatch(batch).sumOf { it.quote?.feeDuePaisa ?: 0L }
                }, "application")
            }
            println("  (checksum $sink)")
        }
    }
}
