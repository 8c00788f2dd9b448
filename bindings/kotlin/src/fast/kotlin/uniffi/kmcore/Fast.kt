// Hand-written (not generated): the fast path for the hot calls, beside the
// generated API of kmcore.kt. See bindings/uniffi/src/fast.rs for the native
// side and DESIGN.md ("A Kotlin call in microseconds") for why it exists.
//
// It lives in the generated package so that it can use the generated
// converters (the answers are read and written exactly as the generated API
// does) and the handle of the generated classes, which it extends.
package uniffi.kmcore

import com.sun.jna.Native
import com.sun.jna.Pointer
import java.nio.BufferOverflowException
import java.nio.ByteBuffer
import java.util.concurrent.atomic.AtomicLongFieldUpdater

/**
 * A [Catalogue] whose [quote] and [evaluate] (and [feeDuePaisa]) take the fast
 * path: one native call with primitive arguments that borrows the catalogue
 * and exchanges the request and the answer through per-thread buffers reused
 * from call to call, instead of the generated path's four native calls and
 * about twenty JNA allocations. The answers are the same; every other method
 * is the generated one.
 *
 * It is a `Catalogue`, so it goes wherever one goes (`Application(catalogue,
 * ...)`, `apply(catalogue, ...)`). It holds a reference of its own to the Rust
 * catalogue: closing it does not close the catalogue it was made from, and
 * the other way round. Thread-safe, `AutoCloseable` (use `.use { }`).
 *
 * ```kotlin
 * FastCatalogue.embedded().use { catalogue ->
 *     val fee = catalogue.quote(request).feeDuePaisa
 * }
 * ```
 */
open class FastCatalogue private constructor(handle: Long) : Catalogue(UniffiWithHandle, handle) {
    /** A fast catalogue over the same Rust catalogue as [catalogue] (which stays open). */
    constructor(catalogue: Catalogue) : this(catalogue.callWithHandle { it })

    /** Fast calls in flight, plus one while the object is open (see [borrow]). */
    @Volatile
    @JvmField
    internal var fastCalls: Long = 1L

    @Volatile
    private var closed = false

    /** As [Catalogue.quote], through the fast path. */
    @Throws(KmException::class)
    override fun quote(request: Request): FeeQuote = borrow { handle ->
        FastCall.run(handle, request, FastNative::kmcore_fast_quote, FfiConverterTypeFeeQuote::read)
    }

    /** As [Catalogue.evaluate], through the fast path. */
    @Throws(KmException::class)
    override fun evaluate(request: Request): Decision = borrow { handle ->
        FastCall.run(handle, request, FastNative::kmcore_fast_evaluate, FfiConverterTypeDecision::read)
    }

    /**
     * `quote(request).feeDuePaisa` without building the quote: the fee to pay
     * in paisa, or null when the request is not eligible or the fee not known.
     *
     * @throws KmException as [quote].
     */
    @Throws(KmException::class)
    fun feeDuePaisa(request: Request): Long? = borrow { handle ->
        FastCall.run(handle, request, FastNative::kmcore_fast_fee_due, FfiConverterOptionalLong::read)
    }

    override fun destroy() {
        if (!closed) {
            synchronized(this) {
                if (closed) return
                closed = true
            }
            release()
        }
    }

    private fun release() {
        if (FAST_CATALOGUE_CALLS.decrementAndGet(this) == 0L) super.destroy()
    }

    /**
     * Runs [block] with the handle, which stays valid until it returns: the
     * count of calls in flight keeps [destroy] from freeing it, and using
     * `this` after the call keeps the object (whose cleaner would free it)
     * reachable until then.
     */
    private inline fun <R> borrow(block: (Long) -> R): R {
        while (true) {
            val calls = FAST_CATALOGUE_CALLS.get(this)
            check(calls != 0L && !closed) { "FastCatalogue object has already been destroyed" }
            if (FAST_CATALOGUE_CALLS.compareAndSet(this, calls, calls + 1)) break
        }
        try {
            return block(handle)
        } finally {
            release()
        }
    }

    companion object {
        /** As [Catalogue.embedded], as a fast catalogue. */
        @Throws(KmException::class)
        fun embedded(): FastCatalogue = Catalogue.embedded().use { FastCatalogue(it) }

        /** As [Catalogue.fromJson], as a fast catalogue. */
        @Throws(KmException::class)
        fun fromJson(fileName: String, text: String): FastCatalogue =
            Catalogue.fromJson(fileName, text).use { FastCatalogue(it) }
    }
}

/**
 * An [Application] whose [isTerminal] and [state] take the fast path (one
 * native call, no JNA allocation); every other method is the generated one.
 * It holds a reference of its own to the Rust application: both objects see
 * the same log. Thread-safe, `AutoCloseable`.
 */
open class FastApplication private constructor(handle: Long) : Application(UniffiWithHandle, handle) {
    /** A fast view of the same Rust application as [application] (which stays open). */
    constructor(application: Application) : this(application.callWithHandle { it })

    /** As `Application(catalogue, service, jurisdiction, id)`, as a fast application. */
    @Throws(KmException::class)
    constructor(catalogue: Catalogue, service: ServiceId, jurisdiction: Jurisdiction, id: String) :
        this(Application(catalogue, service, jurisdiction, id).use { it.callWithHandle { handle -> handle } })

    /** Fast calls in flight, plus one while the object is open. */
    @Volatile
    @JvmField
    internal var fastCalls: Long = 1L

    @Volatile
    private var closed = false

    /** As [Application.isTerminal], through the fast path. */
    override fun isTerminal(): Boolean = borrow { handle ->
        when (FastNative.kmcore_fast_application_is_terminal(handle)) {
            0 -> false
            1 -> true
            else -> throw InternalException("panic in kmcore")
        }
    }

    /** As [Application.state], through the fast path. */
    override fun state(): String = borrow { handle ->
        FastCall.run(handle, Unit, { _, _ -> }, FastNative::kmcore_fast_application_state, FfiConverterString::read)
    }

    override fun destroy() {
        if (!closed) {
            synchronized(this) {
                if (closed) return
                closed = true
            }
            release()
        }
    }

    private fun release() {
        if (FAST_APPLICATION_CALLS.decrementAndGet(this) == 0L) super.destroy()
    }

    /** As `FastCatalogue.borrow`. */
    private inline fun <R> borrow(block: (Long) -> R): R {
        while (true) {
            val calls = FAST_APPLICATION_CALLS.get(this)
            check(calls != 0L && !closed) { "FastApplication object has already been destroyed" }
            if (FAST_APPLICATION_CALLS.compareAndSet(this, calls, calls + 1)) break
        }
        try {
            return block(handle)
        } finally {
            release()
        }
    }

    companion object {
        /** As [Application.fromJson], as a fast application. */
        @Throws(KmException::class)
        fun fromJson(catalogue: Catalogue, json: String): FastApplication =
            Application.fromJson(catalogue, json).use { FastApplication(it) }
    }
}

private val FAST_CATALOGUE_CALLS: AtomicLongFieldUpdater<FastCatalogue> =
    AtomicLongFieldUpdater.newUpdater(FastCatalogue::class.java, "fastCalls")

private val FAST_APPLICATION_CALLS: AtomicLongFieldUpdater<FastApplication> =
    AtomicLongFieldUpdater.newUpdater(FastApplication::class.java, "fastCalls")

/** The C entry points of `bindings/uniffi/src/fast.rs`, bound by JNA direct mapping. */
internal object FastNative {
    /** The protocol version this file speaks (`FAST_ABI_VERSION` in fast.rs). */
    private const val ABI_VERSION = 1

    init {
        // The generated API loads and checks the library first (its contract
        // version and checksums); then the same library is bound here.
        UniffiLib.ensureInitialized()
        val name = System.getProperty("uniffi.component.kmcore.libraryOverride") ?: "kmcore_uniffi"
        Native.register(FastNative::class.java, name)
        val version = kmcore_fast_abi_version()
        if (version != ABI_VERSION) {
            throw IllegalStateException(
                "libkmcore_uniffi speaks fast-path protocol $version, this Kotlin code $ABI_VERSION: " +
                    "build the native library and the Kotlin package from the same commit",
            )
        }
    }

    external fun kmcore_fast_abi_version(): Int

    external fun kmcore_fast_quote(handle: Long, input: Long, inputLen: Int, output: Long, outputCap: Int): Long

    external fun kmcore_fast_evaluate(handle: Long, input: Long, inputLen: Int, output: Long, outputCap: Int): Long

    external fun kmcore_fast_fee_due(handle: Long, input: Long, inputLen: Int, output: Long, outputCap: Int): Long

    external fun kmcore_fast_application_is_terminal(handle: Long): Int

    external fun kmcore_fast_application_state(handle: Long, input: Long, inputLen: Int, output: Long, outputCap: Int): Long
}

/** One native buffer of a thread: a big-endian direct `ByteBuffer` and its address. */
internal class NativeBuffer(capacity: Int) {
    var buffer: ByteBuffer = allocate(capacity)
        private set
    var address: Long = addressOf(buffer)
        private set

    /** Replaces the buffer with one of at least [needed] bytes (contents are not kept). */
    fun grow(needed: Long) {
        require(needed <= Int.MAX_VALUE) { "answer of $needed bytes is too large" }
        var capacity = buffer.capacity().toLong()
        while (capacity < needed) capacity *= 2
        buffer = allocate(minOf(capacity, Int.MAX_VALUE.toLong()).toInt())
        address = addressOf(buffer)
    }

    private companion object {
        private fun allocate(capacity: Int): ByteBuffer = ByteBuffer.allocateDirect(capacity) // big-endian, as uniffi writes

        private fun addressOf(buffer: ByteBuffer): Long = Pointer.nativeValue(Native.getDirectBufferPointer(buffer))
    }
}

/** The request and answer buffers of one thread, reused by every fast call on it. */
internal class ThreadBuffers {
    val input = NativeBuffer(2 * 1024)
    val output = NativeBuffer(16 * 1024)
}

/** How a fast call exchanges its argument and answer (the protocol of fast.rs). */
internal object FastCall {
    const val STATUS_OK: Byte = 0
    const val STATUS_ERROR: Byte = 1

    private val buffers: ThreadLocal<ThreadBuffers> = ThreadLocal.withInitial { ThreadBuffers() }

    /** This thread's buffers. */
    fun buffers(): ThreadBuffers = buffers.get()

    /** A call whose argument is a [Request]. */
    inline fun <T> run(
        handle: Long,
        request: Request,
        native: (Long, Long, Int, Long, Int) -> Long,
        read: (ByteBuffer) -> T,
    ): T = run(handle, request, FfiConverterTypeRequest::write, native, read)

    /**
     * Writes [argument] with [write] into this thread's input buffer, makes the
     * native call, and reads the answer with [read]; throws the `KmException`
     * the call answered, or `InternalException` for an internal error. Inline,
     * so that the function references given to it allocate nothing.
     */
    inline fun <A, T> run(
        handle: Long,
        argument: A,
        write: (A, ByteBuffer) -> Unit,
        native: (Long, Long, Int, Long, Int) -> Long,
        read: (ByteBuffer) -> T,
    ): T {
        val buffers = buffers()
        val input = buffers.input
        while (true) {
            val buffer = input.buffer
            buffer.clear()
            try {
                write(argument, buffer)
                break
            } catch (e: BufferOverflowException) {
                input.grow(buffer.capacity() * 2L)
            }
        }
        val inputLen = input.buffer.position()
        val output = buffers.output
        var written = native(handle, input.address, inputLen, output.address, output.buffer.capacity())
        while (written < 0) {
            // The answer did not fit: grow and ask again (the call is pure).
            output.grow(-written)
            written = native(handle, input.address, inputLen, output.address, output.buffer.capacity())
        }
        val answer = output.buffer
        answer.clear()
        answer.limit(written.toInt())
        val status = answer.get()
        if (status == STATUS_OK) {
            val value = read(answer)
            if (answer.hasRemaining()) throw InternalException("junk remaining in the fast-path answer")
            return value
        }
        throw failure(status, answer)
    }

    /** The exception of an answer that is not a value. */
    fun failure(status: Byte, answer: ByteBuffer): Exception {
        if (status == STATUS_ERROR) return FfiConverterTypeKmError.read(answer)
        val bytes = ByteArray(answer.remaining())
        answer.get(bytes)
        return InternalException(bytes.toString(Charsets.UTF_8))
    }
}
