package kmcore.tests

import java.time.LocalDate
import java.util.concurrent.Callable
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kmcore.tests.Fixtures.at
import kmcore.tests.Fixtures.ayesha
import kmcore.tests.Fixtures.learnerPermit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import uniffi.kmcore.Actor
import uniffi.kmcore.Application
import uniffi.kmcore.Catalogue
import uniffi.kmcore.Jurisdiction
import uniffi.kmcore.KmException
import uniffi.kmcore.ServiceId

class ConcurrencyTest {
    private fun <T> onThreads(threads: Int, job: (Int) -> T): List<T> {
        val pool = Executors.newFixedThreadPool(threads)
        val start = CountDownLatch(1)
        try {
            val futures = (0 until threads).map { t -> pool.submit(Callable { start.await(); job(t) }) }
            start.countDown() // all threads call at once
            return futures.map { it.get(60, TimeUnit.SECONDS) }
        } finally {
            pool.shutdown()
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS))
        }
    }

    @Test
    fun oneCatalogueFromManyThreads() {
        Catalogue.embedded().use { catalogue ->
            val expected = catalogue.evaluate(learnerPermit("2026-03-01"))
            val results = onThreads(8) { t ->
                var same = 0
                repeat(500) { i ->
                    val day = if ((i + t) % 2 == 0) "2026-03-01" else "2026-02-28"
                    val d = catalogue.evaluate(learnerPermit(day))
                    if (day == "2026-03-01" && d == expected) same++
                    if (day == "2026-02-28" && !d.eligible && d.feeDuePaisa == null) same++
                    catalogue.quote(learnerPermit(day))
                    catalogue.documents(learnerPermit(day))
                    if (i % 50 == 0) catalogue.services()
                    try {
                        catalogue.evaluate(learnerPermit(day, ayesha.copy(licenceTermYears = 2L)))
                    } catch (e: KmException.InvalidInput) {
                        if (e.code == "fact.out_of_range") same++
                    }
                }
                same
            }
            assertEquals(List(8) { 1000 }, results)
        }
    }

    @Test
    fun oneApplicationFromManyThreads() {
        Catalogue.embedded().use { catalogue ->
            Application(catalogue, ServiceId.LEARNER_PERMIT, Jurisdiction.PB, "SHARED").use { app ->
                // Readers run while one writer moves the application along.
                val seen = onThreads(4) { t ->
                    val states = mutableSetOf<String>()
                    if (t == 0) {
                        app.apply(catalogue, "submit", at("2026-03-01T10:00:00+05:00"), Actor.CLERK, ayesha)
                        app.apply(catalogue, "pay_fee", at("2026-03-01T10:05:00+05:00"), Actor.CITIZEN, null)
                        app.apply(catalogue, "issue", at("2026-03-01T10:20:00+05:00"), Actor.CLERK, null)
                    } else {
                        repeat(2000) {
                            states += app.state()
                            app.allowedEvents()
                            app.events()
                        }
                    }
                    states
                }
                assertTrue(seen.flatten().all { it in setOf("draft", "submitted", "fee_paid", "issued") }, "$seen")
                assertEquals("issued", app.state())
                app.verify()
                // Two threads race to apply the same move: exactly one wins.
                Application(catalogue, ServiceId.LEARNER_PERMIT, Jurisdiction.PB, "RACE").use { race ->
                    val outcomes = onThreads(2) {
                        try {
                            race.apply(catalogue, "withdraw", at("2026-03-01T10:00:00+05:00"), Actor.CITIZEN, null)
                            "ok"
                        } catch (e: KmException.MoveNotAllowed) {
                            "refused"
                        }
                    }
                    assertEquals(listOf("ok", "refused"), outcomes.sorted())
                    assertEquals(1, race.events().size)
                }
            }
        }
        assertEquals(LocalDate.of(2026, 3, 1), learnerPermit("2026-03-01").asOf)
    }
}
