//! Mirrors `kmcore::error`: the one error type, thrown in JS as `KmError`.

use serde::Serialize;

use crate::mirror_enum;

mirror_enum! {
    /// The coarse kind of an error (`KmError.kind` in JS).
    #[serde(rename_all = "snake_case")]
    pub enum ErrorKind mirrors kmcore::ErrorKind {
        /// A value given to the library is malformed or out of range
        /// (including a missing required fact).
        InvalidInput,
        /// An application failed a rule it must meet.
        NotEligible,
        /// An event is not allowed in the current state.
        MoveNotAllowed,
        /// A rule bundle failed to parse or validate.
        Bundle,
        /// A serialised log failed verification.
        TamperedLog,
        /// A value the rules need is not known.
        NotKnown,
        /// A workflow guard cannot be decided (a missing fact or a rule
        /// whose value is not known).
        Undetermined,
        /// A bug in the library caught before it reached the page.
        Internal,
    }
}

/// The error of every fallible call. In JS it is thrown as an instance of
/// the `KmError` class with these fields (`message` is the English text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KmError {
    /// The coarse kind.
    pub kind: ErrorKind,
    /// Stable reason code, such as `fact.missing` or `date.parse`.
    pub code: String,
    /// English text for a person.
    pub message: String,
    /// Reason codes of the failed rules (guard failures).
    pub reasons: Vec<String>,
    /// Workflow state the error concerns.
    pub state: Option<String>,
    /// Workflow event the error concerns.
    pub event: Option<String>,
    /// Index of the log event the error concerns.
    pub index: Option<u64>,
    /// Bundle file the error concerns.
    pub file: Option<String>,
    /// Path inside that file.
    pub path: Option<String>,
}

impl KmError {
    /// An `invalid_input` error raised by the binding itself (a value of
    /// the wrong shape at the boundary).
    pub fn invalid(code: &str, message: impl Into<String>) -> KmError {
        KmError {
            kind: ErrorKind::InvalidInput,
            code: code.to_string(),
            message: message.into(),
            reasons: Vec::new(),
            state: None,
            event: None,
            index: None,
            file: None,
            path: None,
        }
    }
}

impl From<kmcore::KmError> for KmError {
    fn from(err: kmcore::KmError) -> Self {
        KmError {
            kind: err.kind().into(),
            code: err.code().to_string(),
            message: err.message().to_string(),
            reasons: err.reasons().to_vec(),
            state: err.state().map(str::to_string),
            event: err.event().map(str::to_string),
            index: err.index(),
            file: err.file().map(str::to_string),
            path: err.path().map(str::to_string),
        }
    }
}

impl std::fmt::Display for KmError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for KmError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_kind_code_and_context() {
        let core = kmcore::Catalogue::from_json("broken.json", "{").unwrap_err();
        let err = KmError::from(core);
        assert_eq!(err.kind, ErrorKind::Bundle);
        assert_eq!(err.file.as_deref(), Some("broken.json"));
        assert!(!err.code.is_empty());
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["kind"], "bundle");
        assert_eq!(json["message"], err.to_string());
    }
}
