package kmcore.tests

import java.time.Instant
import java.time.LocalDate
import java.time.OffsetDateTime
import uniffi.kmcore.Catalogue
import uniffi.kmcore.Facts
import uniffi.kmcore.Jurisdiction
import uniffi.kmcore.LicenceCategory
import uniffi.kmcore.Request
import uniffi.kmcore.ServiceId

/** Shared test data. One embedded catalogue for the whole run (never closed: the JVM frees it). */
object Fixtures {
    val catalogue: Catalogue by lazy { Catalogue.embedded() }

    /** An instant written in RFC 3339, such as `2026-03-01T10:00:00+05:00`. */
    fun at(text: String): Instant = OffsetDateTime.parse(text).toInstant()

    fun date(text: String): LocalDate = LocalDate.parse(text)

    /** Ayesha: born 29 February 2008, motorcycle, valid CNIC. */
    val ayesha = Facts(
        category = LicenceCategory.MOTORCYCLE,
        dateOfBirth = LocalDate.of(2008, 2, 29),
        hasValidCnic = true,
    )

    fun learnerPermit(on: String, facts: Facts = ayesha) =
        Request(ServiceId.LEARNER_PERMIT, Jurisdiction.PB, date(on), facts = facts)
}
