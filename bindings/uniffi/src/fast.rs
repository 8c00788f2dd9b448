//! The fast path: a few hand-written C entry points for the hot calls, next
//! to the generated UniFFI API, used by the hand-written Kotlin classes
//! `FastCatalogue` and `FastApplication` (`bindings/kotlin/src/fast`).
//!
//! Through the generated Kotlin API one `quote` makes four native calls
//! (clone the handle, allocate the argument buffer, the call, free the
//! result) and allocates about twenty JNA structures, each registered for
//! cleanup: tens of microseconds a call, against well under one in Rust.
//! These entry points cost one native call with primitive arguments only:
//!
//! * the object handle is **borrowed**, not cloned: the Kotlin object holds
//!   a strong reference of its own for as long as it is open, and counts its
//!   calls in flight so that closing it never frees the object under a call;
//! * the argument is read from, and the result written into, buffers the
//!   caller owns (per-thread direct `ByteBuffer`s in Kotlin, reused from
//!   call to call), in UniFFI's own serialisation format, so the Kotlin side
//!   reads and writes them with the generated converters
//!   (`FfiConverterTypeRequest`, `FfiConverterTypeFeeQuote`...) and the
//!   answers are those of the generated API by construction.
//!
//! # Protocol
//!
//! `kmcore_fast_<call>(handle, input, input_len, output, output_cap) -> i64`
//!
//! * `input[..input_len]` holds the argument as UniFFI writes it.
//! * On return `r >= 1`, `output[..r]` holds one status byte and a payload:
//!   [`STATUS_OK`] and the result, [`STATUS_ERROR`] and a `KmError` (the
//!   generated `FfiConverterTypeKmError` reads it), or [`STATUS_INTERNAL`]
//!   and a UTF-8 message (a malformed argument or a caught panic, which
//!   kmcore rules out; Kotlin throws `InternalException`, as the generated
//!   API would).
//! * `r < 0`: the answer needs `-r` bytes and `output_cap` is smaller;
//!   nothing was written. The caller grows its buffer and calls again (the
//!   call is a pure function of its argument, so repeating it is harmless).
//!
//! Every entry point catches panics, so none can unwind into the JVM.
//! [`kmcore_fast_abi_version`] lets the Kotlin side check at load time that
//! the library it found speaks this protocol.

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};

use uniffi::{Lift, Lower};

use crate::UniFfiTag;
use crate::application::Application;
use crate::catalogue::Catalogue;
use crate::decision::Request;
use crate::error::KmError;

/// The version of the protocol above; the Kotlin side refuses a library
/// that answers another one.
pub const FAST_ABI_VERSION: u32 = 1;

/// Status byte: the payload is the call's result.
pub const STATUS_OK: u8 = 0;
/// Status byte: the payload is a `KmError`.
pub const STATUS_ERROR: u8 = 1;
/// Status byte: the payload is a UTF-8 message (a bad argument or a panic).
pub const STATUS_INTERNAL: u8 = 2;

thread_local! {
    /// The answer being written, reused by every call on this thread.
    static ANSWER: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(16 * 1024));
}

/// The protocol version: [`FAST_ABI_VERSION`].
#[unsafe(no_mangle)]
pub extern "C" fn kmcore_fast_abi_version() -> u32 {
    FAST_ABI_VERSION
}

/// `Catalogue.quote(request)`: a `FeeQuote`, or a `KmError`.
///
/// # Safety
///
/// `handle` is a live `Catalogue` handle (the raw `Arc` pointer UniFFI
/// hands out) that the caller keeps alive during the call; `input` and
/// `output` are valid for `input_len` and `output_cap` bytes and do not
/// overlap.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kmcore_fast_quote(
    handle: u64,
    input: *const u8,
    input_len: i32,
    output: *mut u8,
    output_cap: i32,
) -> i64 {
    // SAFETY: the caller's guarantees are this function's own (above).
    unsafe {
        with_call(
            handle,
            input,
            input_len,
            output,
            output_cap,
            |cat: &Catalogue, args, out| {
                let request = read_all::<Request>(args)?;
                write_result(cat.quote(request), out)
            },
        )
    }
}

/// `Catalogue.evaluate(request)`: a `Decision` (every check with its English
/// and Urdu messages), or a `KmError`.
///
/// # Safety
///
/// As [`kmcore_fast_quote`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kmcore_fast_evaluate(
    handle: u64,
    input: *const u8,
    input_len: i32,
    output: *mut u8,
    output_cap: i32,
) -> i64 {
    // SAFETY: the caller's guarantees are this function's own (above).
    unsafe {
        with_call(
            handle,
            input,
            input_len,
            output,
            output_cap,
            |cat: &Catalogue, args, out| {
                let request = read_all::<Request>(args)?;
                write_result(cat.evaluate(request), out)
            },
        )
    }
}

/// `Catalogue.quote(request).feeDuePaisa` without the rest of the quote: an
/// `Option<i64>` (the fee to pay, or null when not eligible or not known),
/// or a `KmError`.
///
/// # Safety
///
/// As [`kmcore_fast_quote`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kmcore_fast_fee_due(
    handle: u64,
    input: *const u8,
    input_len: i32,
    output: *mut u8,
    output_cap: i32,
) -> i64 {
    // SAFETY: the caller's guarantees are this function's own (above).
    unsafe {
        with_call(
            handle,
            input,
            input_len,
            output,
            output_cap,
            |cat: &Catalogue, args, out| {
                let request = read_all::<Request>(args)?;
                write_result(fee_due_paisa(cat, request), out)
            },
        )
    }
}

/// `Application.isTerminal()`: 1 or 0, or -1 when a panic was caught.
///
/// # Safety
///
/// `handle` is a live `Application` handle the caller keeps alive during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kmcore_fast_application_is_terminal(handle: u64) -> i32 {
    // SAFETY: the caller's guarantee (above).
    let app = unsafe { borrow::<Application>(handle) };
    catch_unwind(AssertUnwindSafe(|| i32::from(app.is_terminal()))).unwrap_or(-1)
}

/// `Application.state()`: the state's name as a UniFFI string.
///
/// # Safety
///
/// As [`kmcore_fast_quote`], with an `Application` handle; `input` is not
/// read (`input_len` is 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kmcore_fast_application_state(
    handle: u64,
    input: *const u8,
    input_len: i32,
    output: *mut u8,
    output_cap: i32,
) -> i64 {
    // SAFETY: the caller's guarantees are this function's own (above).
    unsafe {
        with_call(
            handle,
            input,
            input_len,
            output,
            output_cap,
            |app: &Application, _, out| write_result::<String>(Ok(app.state()), out),
        )
    }
}

/// What `Catalogue.quote(request).feeDuePaisa` gives, without building the
/// quote's lines.
fn fee_due_paisa(catalogue: &Catalogue, request: Request) -> Result<Option<i64>, KmError> {
    let request: kmcore::Request = request.try_into()?;
    let decision = catalogue.core().evaluate(&request)?;
    Ok(decision.fee_due().map(kmcore::Money::paisa))
}

/// The object behind a handle, borrowed.
///
/// # Safety
///
/// `handle` was made by UniFFI from an `Arc<T>` (a Rust object handle is the
/// `Arc`'s raw pointer, `uniffi::Handle::from_arc`), and the caller holds a
/// strong reference to it for longer than the returned borrow is used.
unsafe fn borrow<'a, T>(handle: u64) -> &'a T {
    // SAFETY: by the caller's guarantee the pointer comes from
    // `Arc::into_raw` and the count stays above zero while borrowed.
    unsafe { &*(handle as usize as *const T) }
}

/// Runs `call` on the object behind `handle` with the argument bytes, and
/// copies its answer (status byte and payload) into `output`.
///
/// # Safety
///
/// `handle` as in [`borrow`]; `input` is valid for reads of `input_len`
/// bytes (or `input_len` is 0), `output` for writes of `output_cap` bytes,
/// and the two do not overlap.
unsafe fn with_call<T>(
    handle: u64,
    input: *const u8,
    input_len: i32,
    output: *mut u8,
    output_cap: i32,
    call: impl FnOnce(&T, &[u8], &mut Vec<u8>) -> Result<(), String>,
) -> i64 {
    let input_len = usize::try_from(input_len).unwrap_or(0);
    let output_cap = usize::try_from(output_cap).unwrap_or(0);
    // SAFETY: by this function's contract.
    let object = unsafe { borrow::<T>(handle) };
    let args: &[u8] = if input_len == 0 || input.is_null() {
        &[]
    } else {
        // SAFETY: by this function's contract.
        unsafe { std::slice::from_raw_parts(input, input_len) }
    };
    ANSWER.with(|answer| {
        let Ok(mut answer) = answer.try_borrow_mut() else {
            // Only a call re-entered from inside a call could get here.
            return copy_out(&internal("re-entrant call"), output, output_cap);
        };
        answer.clear();
        let outcome = catch_unwind(AssertUnwindSafe(|| call(object, args, &mut answer)));
        match outcome {
            Ok(Ok(())) => copy_out(&answer, output, output_cap),
            Ok(Err(message)) => copy_out(&internal(&message), output, output_cap),
            Err(_) => copy_out(&internal("panic in kmcore"), output, output_cap),
        }
    })
}

/// An internal-error answer: the status byte and the message.
fn internal(message: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 + message.len());
    out.push(STATUS_INTERNAL);
    out.extend_from_slice(message.as_bytes());
    out
}

/// Copies an answer into the caller's buffer, or asks for a bigger one.
fn copy_out(answer: &[u8], output: *mut u8, output_cap: usize) -> i64 {
    let len = i64::try_from(answer.len()).unwrap_or(i64::MAX);
    if answer.len() > output_cap || output.is_null() {
        return -len;
    }
    // SAFETY: `output` is valid for `output_cap >= answer.len()` bytes and
    // does not overlap `answer` (a buffer of this module).
    unsafe { std::ptr::copy_nonoverlapping(answer.as_ptr(), output, answer.len()) };
    len
}

/// Reads one value that must fill the argument bytes exactly.
fn read_all<T: Lift<UniFfiTag>>(mut args: &[u8]) -> Result<T, String> {
    let value = T::try_read(&mut args).map_err(|e| format!("malformed argument: {e}"))?;
    if args.is_empty() {
        Ok(value)
    } else {
        Err(format!("{} bytes left after the argument", args.len()))
    }
}

/// Writes a result: the status byte, then the value or the error. (Never
/// fails; the `Result` is that of the call it ends.)
fn write_result<T: Lower<UniFfiTag>>(
    result: Result<T, KmError>,
    out: &mut Vec<u8>,
) -> Result<(), String> {
    match result {
        Ok(value) => {
            out.push(STATUS_OK);
            T::write(value, out);
        }
        Err(err) => {
            out.push(STATUS_ERROR);
            <KmError as Lower<UniFfiTag>>::write(err, out);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::facts::{Facts, LicenceCategory};
    use crate::service::{Jurisdiction, ServiceId};

    fn request(facts: Facts) -> Request {
        Request {
            service: ServiceId::LearnerPermit,
            jurisdiction: Jurisdiction::PB,
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            at: None,
            facts,
        }
    }

    fn learner() -> Request {
        request(Facts {
            category: Some(LicenceCategory::Motorcycle),
            date_of_birth: chrono::NaiveDate::from_ymd_opt(2008, 2, 29),
            has_valid_cnic: Some(true),
            ..Facts::default()
        })
    }

    /// Calls an entry point as the Kotlin side does, growing the output
    /// buffer when asked; returns the status byte and the payload.
    fn call(
        f: unsafe extern "C" fn(u64, *const u8, i32, *mut u8, i32) -> i64,
        handle: u64,
        args: &[u8],
        mut cap: usize,
    ) -> (u8, Vec<u8>) {
        loop {
            let mut out = vec![0u8; cap];
            // SAFETY: the handle is live (the test holds the Arc) and the
            // buffers are valid for their lengths.
            let r = unsafe {
                f(
                    handle,
                    args.as_ptr(),
                    i32::try_from(args.len()).unwrap(),
                    out.as_mut_ptr(),
                    i32::try_from(cap).unwrap(),
                )
            };
            if r < 0 {
                cap = usize::try_from(-r).unwrap();
                continue;
            }
            out.truncate(usize::try_from(r).unwrap());
            return (out[0], out[1..].to_vec());
        }
    }

    fn encode(request: Request) -> Vec<u8> {
        let mut buf = Vec::new();
        <Request as Lower<UniFfiTag>>::write(request, &mut buf);
        buf
    }

    fn decode<T: Lift<UniFfiTag>>(bytes: &[u8]) -> T {
        read_all::<T>(bytes).unwrap()
    }

    #[test]
    fn answers_equal_the_generated_calls() {
        let cat = Catalogue::embedded().unwrap();
        let handle = Arc::as_ptr(&cat) as usize as u64;
        let args = encode(learner());
        // A tiny buffer first: the call asks for more and is repeated.
        let (status, quote) = call(kmcore_fast_quote, handle, &args, 1);
        assert_eq!(status, STATUS_OK);
        assert_eq!(
            decode::<crate::FeeQuote>(&quote),
            cat.quote(learner()).unwrap()
        );
        let (status, decision) = call(kmcore_fast_evaluate, handle, &args, 64 * 1024);
        assert_eq!(status, STATUS_OK);
        assert_eq!(
            decode::<crate::Decision>(&decision),
            cat.evaluate(learner()).unwrap()
        );
        let (status, fee) = call(kmcore_fast_fee_due, handle, &args, 64);
        assert_eq!(status, STATUS_OK);
        assert_eq!(decode::<Option<i64>>(&fee), Some(50_000));
    }

    #[test]
    fn errors_and_bad_arguments_are_answers_not_crashes() {
        let cat = Catalogue::embedded().unwrap();
        let handle = Arc::as_ptr(&cat) as usize as u64;
        // A licence term that does not exist is invalid input (a missing
        // fact is not an error: the decision is undetermined).
        let bad_term = || Facts {
            licence_term_years: Some(2),
            ..Facts::default()
        };
        let args = encode(request(bad_term()));
        let (status, err) = call(kmcore_fast_quote, handle, &args, 1024);
        assert_eq!(status, STATUS_ERROR);
        let err = decode::<KmError>(&err);
        assert_eq!(err, cat.quote(request(bad_term())).unwrap_err());
        assert_eq!(err.reason_code(), "fact.out_of_range");

        for bad in [&[][..], &[0, 0, 0, 9][..], &args[..args.len() - 1]] {
            let (status, message) = call(kmcore_fast_evaluate, handle, bad, 1024);
            assert_eq!(status, STATUS_INTERNAL, "{bad:?}");
            assert!(String::from_utf8(message).unwrap().contains("argument"));
        }
        let mut long = args.clone();
        long.push(0);
        let (status, _) = call(kmcore_fast_evaluate, handle, &long, 1024);
        assert_eq!(status, STATUS_INTERNAL);
    }

    #[test]
    fn application_calls_borrow_the_handle() {
        let cat = Catalogue::embedded().unwrap();
        let app = Application::new(
            cat.clone(),
            ServiceId::LearnerPermit,
            Jurisdiction::PB,
            "A-1".into(),
        )
        .unwrap();
        let handle = Arc::as_ptr(&app) as usize as u64;
        // SAFETY: the test holds the Arc.
        assert_eq!(unsafe { kmcore_fast_application_is_terminal(handle) }, 0);
        let (status, state) = call(kmcore_fast_application_state, handle, &[], 1);
        assert_eq!(status, STATUS_OK);
        assert_eq!(decode::<String>(&state), app.state());
        assert_eq!(kmcore_fast_abi_version(), FAST_ABI_VERSION);
    }
}
