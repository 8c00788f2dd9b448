package kmcore.tests

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import uniffi.kmcore.CnicRegion
import uniffi.kmcore.Gender
import uniffi.kmcore.KmException
import uniffi.kmcore.MobileOperator
import uniffi.kmcore.PlateScheme
import uniffi.kmcore.VehicleKind
import uniffi.kmcore.parseCnic
import uniffi.kmcore.parseMobile
import uniffi.kmcore.parsePlate

class IdentifierTest {
    @Test
    fun cnic() {
        val cnic = parseCnic("3520212345671")
        assertEquals("35202-1234567-1", cnic.normalized)
        assertEquals("35202-*******-1", cnic.redacted)
        assertEquals(Gender.MALE, cnic.gender)
        assertEquals(CnicRegion.PUNJAB, cnic.region)
        assertEquals("Punjab", cnic.regionName)
        assertEquals(Gender.FEMALE, parseCnic("61101-1234567-0").gender)
        assertEquals("identifier.cnic.shape", assertThrows<KmException.InvalidInput> { parseCnic("3520-21234567-1") }.code)
        assertEquals("identifier.cnic.region", assertThrows<KmException.InvalidInput> { parseCnic("85202-1234567-1") }.code)
    }

    @Test
    fun mobile() {
        val m = parseMobile("0300 123-4567")
        assertEquals("+923001234567", m.normalized)
        assertEquals("03001234567", m.national)
        assertEquals(MobileOperator.JAZZ, m.operatorHint)
        assertEquals("+923451234567", parseMobile("+92 345 1234567").normalized)
        val e = assertThrows<KmException.InvalidInput> { parseMobile("+9203001234567") }
        assertEquals("identifier.mobile.shape", e.code)
        assertEquals(e.detail, e.message)
    }

    @Test
    fun plates() {
        val car = parsePlate("lea-123", PlateScheme.PB_UNIVERSAL2017, VehicleKind.CAR)
        assertEquals("LEA-123", car.normalized)
        assertEquals("LEA", car.letters)
        assertEquals(123, car.number)
        assertEquals("LEA-1234", parsePlate("LEA-1234", PlateScheme.PB_UNIVERSAL2017, VehicleKind.MOTORCYCLE).normalized)
        assertEquals("identifier.plate.letter", assertThrows<KmException.InvalidInput> {
            parsePlate("AIO-123", PlateScheme.PB_UNIVERSAL2017, VehicleKind.CAR)
        }.code)
        assertEquals("identifier.plate.shape", assertThrows<KmException.InvalidInput> {
            parsePlate("BKR-4521", PlateScheme.SD1996, VehicleKind.CAR)
        }.code)
        assertEquals("identifier.plate.number", assertThrows<KmException.InvalidInput> {
            parsePlate("BKR-000", PlateScheme.SD1996, VehicleKind.CAR)
        }.code)
    }
}
