package example

import uniffi.kmcore.KmException
import uniffi.kmcore.formatMoney
import uniffi.kmcore.rupeesToPaisa

fun main() {
    println(formatMoney(183_000L))
    try {
        rupeesToPaisa(Long.MAX_VALUE)
    } catch (e: KmException.InvalidInput) {
        println("refused (${e.code}): ${e.message}")
    }
}
