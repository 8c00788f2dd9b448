package kmcore.tests

import java.io.File
import java.time.LocalDate
import java.time.OffsetDateTime
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import org.json.JSONArray
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import uniffi.kmcore.Actor
import uniffi.kmcore.Application
import uniffi.kmcore.Catalogue
import uniffi.kmcore.FastApplication
import uniffi.kmcore.FastCatalogue
import uniffi.kmcore.Facts
import uniffi.kmcore.Jurisdiction
import uniffi.kmcore.KmException
import uniffi.kmcore.Request
import uniffi.kmcore.ServiceId
import uniffi.kmcore.factsFromJson
import uniffi.kmcore.jurisdictionFromCode
import uniffi.kmcore.serviceIdFromCode

/** The fast path (FastCatalogue, FastApplication) answers exactly as the generated API. */
class FastPathTest {
    /** A call's outcome, comparable: the value, or the exception's class and every field. */
    private fun <T> outcome(call: () -> T): Any? = try {
        call()
    } catch (e: KmException) {
        listOf(e.javaClass.name, e.reasonCode(), e.message, e.kind(), errorFields(e))
    }

    private fun errorFields(e: KmException): List<Any?> = when (e) {
        is KmException.InvalidInput -> listOf(e.code, e.detail, e.reasons, e.state, e.event, e.index, e.file, e.path)
        is KmException.NotEligible -> listOf(e.code, e.detail, e.reasons, e.state, e.event, e.index, e.file, e.path)
        is KmException.MoveNotAllowed -> listOf(e.code, e.detail, e.reasons, e.state, e.event, e.index, e.file, e.path)
        is KmException.Bundle -> listOf(e.code, e.detail, e.reasons, e.state, e.event, e.index, e.file, e.path)
        is KmException.TamperedLog -> listOf(e.code, e.detail, e.reasons, e.state, e.event, e.index, e.file, e.path)
        is KmException.NotKnown -> listOf(e.code, e.detail, e.reasons, e.state, e.event, e.index, e.file, e.path)
        is KmException.Undetermined -> listOf(e.code, e.detail, e.reasons, e.state, e.event, e.index, e.file, e.path)
        is KmException.Internal -> listOf(e.code, e.detail, e.reasons, e.state, e.event, e.index, e.file, e.path)
    }

    private fun casesDir(): File {
        System.getenv("KMCORE_CASES_DIR")?.takeIf { it.isNotEmpty() }?.let { return File(it) }
        val root = System.getProperty("kmcore.repo.root") ?: error("system property kmcore.repo.root is not set")
        return File(root).resolve("../shared/reference/cases").normalize()
    }

    /** The requests of every service case of the reference cases, as the case runner builds them. */
    private fun referenceRequests(): List<Request> {
        val files = casesDir().listFiles { f -> f.isFile && f.name.endsWith(".json") }?.sortedBy { it.name }
            ?: error("cannot read ${casesDir()}")
        val requests = mutableListOf<Request>()
        for (file in files) {
            val cases = JSONArray(file.readText())
            for (i in 0 until cases.length()) {
                val case = cases.getJSONObject(i)
                val service = case.getString("service")
                if (service.startsWith("identifier.")) continue
                val id = serviceIdFromCode(service)
                val j = jurisdictionFromCode(case.getString("jurisdiction"))
                val facts = factsFromJson(case.getJSONObject("facts").toString())
                val asOf = case.getString("as_of")
                requests += if (asOf.length == 10) {
                    Request(id, j, LocalDate.parse(asOf), facts = facts)
                } else {
                    val at = OffsetDateTime.parse(asOf)
                    Request(id, j, at.toLocalDate(), at = at.toInstant(), facts = facts)
                }
            }
        }
        return requests
    }

    /**
     * The reference requests, and each service in every jurisdiction on three
     * dates with the facts of that service's cases, with none, and with the
     * learner permit's: eligible, refused, not offered and invalid requests.
     */
    private fun manyRequests(): List<Request> {
        val reference = referenceRequests()
        val factsByService = reference.groupBy({ it.service }, { it.facts })
        val dates = listOf(LocalDate.of(2019, 6, 30), LocalDate.of(2024, 1, 1), LocalDate.of(2026, 3, 1))
        val grid = ServiceId.entries.flatMap { service ->
            val factSets = (factsByService[service].orEmpty() + listOf(Facts(), Fixtures.ayesha)).distinct()
            Jurisdiction.entries.flatMap { j ->
                dates.flatMap { d -> factSets.map { Request(service, j, d, facts = it) } }
            }
        }
        return reference + grid
    }

    @Test
    fun answersEqualTheGeneratedApiOverManyRequests() {
        val requests = manyRequests()
        assertTrue(requests.size > 1_000, "only ${requests.size} requests")
        var eligible = 0
        var errors = 0
        FastCatalogue.embedded().use { fast ->
            val generated = Fixtures.catalogue
            for (request in requests) {
                val want = outcome { generated.evaluate(request) }
                assertEquals(want, outcome { fast.evaluate(request) }, "evaluate $request")
                val quote = outcome { generated.quote(request) }
                assertEquals(quote, outcome { fast.quote(request) }, "quote $request")
                assertEquals(
                    outcome { generated.quote(request).feeDuePaisa },
                    outcome { fast.feeDuePaisa(request) },
                    "feeDuePaisa $request",
                )
                if (want is uniffi.kmcore.Decision && want.eligible) eligible++
                if (want !is uniffi.kmcore.Decision) errors++
                if (want is uniffi.kmcore.Decision && want.outcome == uniffi.kmcore.Outcome.UNDETERMINED) errors++
            }
        }
        // The comparison covered answers of every kind (errors and
        // undetermined answers, such as requests missing a fact, counted together).
        assertTrue(eligible > 100 && errors > 100, "eligible $eligible, errors $errors of ${requests.size}")
        println("fast path: ${requests.size} requests answered as the generated API ($eligible eligible, $errors errors)")
    }

    @Test
    fun aRequestLargerThanTheBufferGrowsIt() {
        FastCatalogue.embedded().use { fast ->
            val big = Fixtures.learnerPermit("2026-03-01", Fixtures.ayesha.copy(value = "x".repeat(200_000)))
            assertEquals(outcome { Fixtures.catalogue.evaluate(big) }, outcome { fast.evaluate(big) })
            assertEquals(50_000L, fast.quote(Fixtures.learnerPermit("2026-03-01")).feeDuePaisa)
        }
    }

    @Test
    fun aFastCatalogueIsACatalogueWithItsOwnLifetime() {
        val original = Catalogue.embedded()
        val fast = FastCatalogue(original)
        original.close()
        // The fast one holds its own reference: still usable, generated methods too.
        assertEquals(50_000L, fast.feeDuePaisa(Fixtures.learnerPermit("2026-03-01")))
        assertEquals(Fixtures.catalogue.bundleVersion(), fast.bundleVersion())
        FastApplication(fast, ServiceId.LEARNER_PERMIT, Jurisdiction.PB, "F-1").use { app ->
            assertEquals("draft", app.state())
        }
        fast.close()
        fast.close() // twice is fine
        assertThrows<IllegalStateException> { fast.quote(Fixtures.learnerPermit("2026-03-01")) }
        assertThrows<IllegalStateException> { fast.bundleVersion() }
        assertThrows<IllegalStateException> { FastCatalogue(original) }
    }

    @Test
    fun manyThreadsShareOneFastCatalogue() {
        val requests = referenceRequests()
        FastCatalogue.embedded().use { fast ->
            val want = requests.map { outcome { Fixtures.catalogue.evaluate(it) } }
            val pool = Executors.newFixedThreadPool(4)
            try {
                val tasks = (0 until 4).map { t ->
                    Callable { (0 until 5).flatMap { requests.indices.map { i -> (i + t) % requests.size } }.all { i -> outcome { fast.evaluate(requests[i]) } == want[i] } }
                }
                assertTrue(pool.invokeAll(tasks).all { it.get() })
            } finally {
                pool.shutdown()
            }
        }
    }

    @Test
    fun fastApplicationAnswersAsTheGeneratedOne() {
        val catalogue = Fixtures.catalogue
        Application(catalogue, ServiceId.LEARNER_PERMIT, Jurisdiction.PB, "F-2").use { app ->
            FastApplication(app).use { fast ->
                var at = Fixtures.at("2026-03-01T10:00:00+05:00")
                val states = mutableListOf(fast.state())
                for (event in listOf("submit", "pay_fee", "issue")) {
                    assertEquals(app.isTerminal(), fast.isTerminal())
                    assertEquals(app.state(), fast.state())
                    fast.apply(catalogue, event, at, Actor.CLERK, if (event == "submit") Fixtures.ayesha else null)
                    at = at.plusSeconds(3_600)
                    states += fast.state()
                }
                assertEquals(app.isTerminal(), fast.isTerminal())
                assertEquals(listOf("draft", "submitted"), states.take(2))
                assertEquals(states.size, states.distinct().size, "states $states")
            }
            // Closing the fast view leaves the application open.
            assertNotEquals("", app.state())
        }
        // A withdrawn application is terminal, through both paths.
        FastApplication(catalogue, ServiceId.LEARNER_PERMIT, Jurisdiction.PB, "F-4").use { fast ->
            fast.apply(catalogue, "submit", Fixtures.at("2026-03-01T10:00:00+05:00"), Actor.CLERK, Fixtures.ayesha)
            fast.apply(catalogue, "withdraw", Fixtures.at("2026-03-01T11:00:00+05:00"), Actor.CITIZEN, null)
            assertTrue(fast.isTerminal())
            assertEquals(Application.fromJson(catalogue, fast.toJson()).use { it.state() }, fast.state())
        }
        val restored = FastApplication.fromJson(catalogue, Application(catalogue, ServiceId.LEARNER_PERMIT, Jurisdiction.PB, "F-3").use { it.toJson() })
        restored.use { assertEquals("draft", it.state()) }
        assertThrows<IllegalStateException> { restored.isTerminal() }
    }
}
