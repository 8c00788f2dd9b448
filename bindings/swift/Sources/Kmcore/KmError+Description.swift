// Hand-written (not generated): keep this file when regenerating.
//
// UniFFI 0.32 generates `KmError.description` from the exported Rust
// `Display` but, for error enums, does not declare the conformance. Declaring
// it here makes `String(describing:)`, `"\(error)"` and uniffi's
// `errorDescription` (`String(reflecting: self)`), hence
// `localizedDescription`, the human text instead of a reflection dump.
// If a later uniffi declares the conformance itself, delete this file.
extension KmError: CustomStringConvertible {}
