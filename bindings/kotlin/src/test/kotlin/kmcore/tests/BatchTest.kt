package kmcore.tests

import kmcore.tests.Fixtures.ayesha
import kmcore.tests.Fixtures.catalogue
import kmcore.tests.Fixtures.learnerPermit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import uniffi.kmcore.ErrorKind

class BatchTest {
    @Test
    fun quoteBatchMatchesSingleQuotesInOrder() {
        val requests = (0 until 200).map { i ->
            when (i % 3) {
                0 -> learnerPermit("2026-03-01")
                1 -> learnerPermit("2026-02-28")
                else -> learnerPermit("2026-03-01", ayesha.copy(licenceTermYears = 2L))
            }
        }
        val outcomes = catalogue.quoteBatch(requests)
        assertEquals(requests.size, outcomes.size)
        outcomes.forEachIndexed { i, outcome ->
            if (i % 3 == 2) {
                assertNull(outcome.quote)
                assertEquals(ErrorKind.INVALID_INPUT, outcome.error!!.kind)
                assertEquals("fact.out_of_range", outcome.error!!.code)
            } else {
                assertNull(outcome.error)
                assertEquals(catalogue.quote(requests[i]), outcome.quote)
            }
        }
        assertEquals(50_000L, outcomes[0].quote!!.feeDuePaisa)
        assertNull(outcomes[1].quote!!.feeDuePaisa)
        assertEquals(emptyList<Any>(), catalogue.quoteBatch(emptyList()))
    }
}
