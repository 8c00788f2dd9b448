//! Mirrors `kmcore::error`: the one error type, thrown as an exception.

use std::fmt;

use crate::mirror_enum;

/// The error of every fallible call: one variant per [`ErrorKind`], each
/// with the stable reason `code`, the English `detail` for a person, and the
/// core error's context (empty or null where it has none).
///
/// Kotlin: `KmException.InvalidInput`, `KmException.NotEligible`, ... with
/// `code`, `detail`, `reasons`, ... properties; `message` is the human text
/// (`detail`); `kind()` and `reasonCode()` work on any `KmException`.
/// Swift: `KmError.InvalidInput(code:detail:...)`, ...;
/// `localizedDescription` is the human text.
///
/// The fields are the same in every variant so that no context the core
/// attaches is ever lost. Never name a field `message` (see the crate docs).
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Error)]
#[uniffi::export(Display)]
pub enum KmError {
    /// A value given to the library is malformed or out of range (including
    /// a missing required fact, `fact.missing`).
    InvalidInput {
        /// Stable reason code, for example `identifier.cnic.shape`.
        code: String,
        /// English text for a person.
        detail: String,
        /// Reason codes of the failed rules (guard failures).
        reasons: Vec<String>,
        /// Workflow state the error concerns.
        state: Option<String>,
        /// Workflow event the error concerns.
        event: Option<String>,
        /// Index of the log event the error concerns.
        index: Option<i64>,
        /// Bundle file the error concerns.
        file: Option<String>,
        /// Path inside that file.
        path: Option<String>,
    },
    /// An application failed a rule it must meet (a guarded event refused).
    NotEligible {
        /// Stable reason code, for example `workflow.guard_failed`.
        code: String,
        /// English text for a person.
        detail: String,
        /// Reason codes of the failed rules, such as `age.minimum`.
        reasons: Vec<String>,
        /// Workflow state the error concerns.
        state: Option<String>,
        /// Workflow event the error concerns.
        event: Option<String>,
        /// Index of the log event the error concerns.
        index: Option<i64>,
        /// Bundle file the error concerns.
        file: Option<String>,
        /// Path inside that file.
        path: Option<String>,
    },
    /// An event is not allowed in the current state of the workflow.
    MoveNotAllowed {
        /// Stable reason code, `workflow.move_not_allowed`.
        code: String,
        /// English text for a person.
        detail: String,
        /// Reason codes of the failed rules.
        reasons: Vec<String>,
        /// The state the application is in.
        state: Option<String>,
        /// The event that was refused.
        event: Option<String>,
        /// Index of the log event the error concerns.
        index: Option<i64>,
        /// Bundle file the error concerns.
        file: Option<String>,
        /// Path inside that file.
        path: Option<String>,
    },
    /// A rule bundle failed to parse or to validate.
    Bundle {
        /// Stable reason code, for example `bundle.syntax`.
        code: String,
        /// English text for a person, naming the file and path.
        detail: String,
        /// Reason codes of the failed rules.
        reasons: Vec<String>,
        /// Workflow state the error concerns.
        state: Option<String>,
        /// Workflow event the error concerns.
        event: Option<String>,
        /// Index of the log event the error concerns.
        index: Option<i64>,
        /// The bundle file.
        file: Option<String>,
        /// The path inside the file, such as `parameters.x.fee`.
        path: Option<String>,
    },
    /// A serialised event log failed verification.
    TamperedLog {
        /// Stable reason code, for example `log.hash`.
        code: String,
        /// English text for a person.
        detail: String,
        /// Reason codes of the failed rules.
        reasons: Vec<String>,
        /// Workflow state the error concerns.
        state: Option<String>,
        /// Workflow event the error concerns.
        event: Option<String>,
        /// Index of the first event that was altered, removed or reordered.
        index: Option<i64>,
        /// Bundle file the error concerns.
        file: Option<String>,
        /// Path inside that file.
        path: Option<String>,
    },
    /// A value the rules need is not known (for example a log decided under
    /// a bundle the catalogue does not hold).
    NotKnown {
        /// Stable reason code, for example `log.unknown_bundle`.
        code: String,
        /// English text for a person.
        detail: String,
        /// Reason codes of the failed rules.
        reasons: Vec<String>,
        /// Workflow state the error concerns.
        state: Option<String>,
        /// Workflow event the error concerns.
        event: Option<String>,
        /// Index of the log event the error concerns.
        index: Option<i64>,
        /// Bundle file the error concerns.
        file: Option<String>,
        /// Path inside that file.
        path: Option<String>,
    },
    /// A workflow guard cannot be decided: a fact it needs is missing or a
    /// rule's value is not known.
    Undetermined {
        /// Stable reason code, `fact.missing` or `workflow.guard_undetermined`.
        code: String,
        /// English text for a person.
        detail: String,
        /// Reason codes of the failed rules.
        reasons: Vec<String>,
        /// Workflow state the error concerns.
        state: Option<String>,
        /// Workflow event the error concerns.
        event: Option<String>,
        /// Index of the log event the error concerns.
        index: Option<i64>,
        /// Bundle file the error concerns.
        file: Option<String>,
        /// Path inside that file.
        path: Option<String>,
    },
    /// A bug in the library caught before it reached the app (a batch row
    /// whose evaluation panicked): not the caller's fault.
    Internal {
        /// Stable reason code, for example `batch.panic`.
        code: String,
        /// English text for a person.
        detail: String,
        /// Reason codes of the failed rules.
        reasons: Vec<String>,
        /// Workflow state the error concerns.
        state: Option<String>,
        /// Workflow event the error concerns.
        event: Option<String>,
        /// Index of the log event the error concerns.
        index: Option<i64>,
        /// Bundle file the error concerns.
        file: Option<String>,
        /// Path inside that file.
        path: Option<String>,
    },
}

/// The fields every variant carries, gathered for building and reading.
struct Parts {
    code: String,
    detail: String,
    reasons: Vec<String>,
    state: Option<String>,
    event: Option<String>,
    index: Option<i64>,
    file: Option<String>,
    path: Option<String>,
}

impl KmError {
    /// An `InvalidInput` error raised by the binding itself.
    pub(crate) fn invalid(code: &str, detail: impl Into<String>) -> Self {
        KmError::build(
            ErrorKind::InvalidInput,
            Parts {
                code: code.to_string(),
                detail: detail.into(),
                reasons: Vec::new(),
                state: None,
                event: None,
                index: None,
                file: None,
                path: None,
            },
        )
    }

    fn build(kind: ErrorKind, p: Parts) -> Self {
        let Parts {
            code,
            detail,
            reasons,
            state,
            event,
            index,
            file,
            path,
        } = p;
        // Exhaustive on purpose: every kind has its variant.
        match kind {
            ErrorKind::InvalidInput => KmError::InvalidInput {
                code,
                detail,
                reasons,
                state,
                event,
                index,
                file,
                path,
            },
            ErrorKind::NotEligible => KmError::NotEligible {
                code,
                detail,
                reasons,
                state,
                event,
                index,
                file,
                path,
            },
            ErrorKind::MoveNotAllowed => KmError::MoveNotAllowed {
                code,
                detail,
                reasons,
                state,
                event,
                index,
                file,
                path,
            },
            ErrorKind::Bundle => KmError::Bundle {
                code,
                detail,
                reasons,
                state,
                event,
                index,
                file,
                path,
            },
            ErrorKind::TamperedLog => KmError::TamperedLog {
                code,
                detail,
                reasons,
                state,
                event,
                index,
                file,
                path,
            },
            ErrorKind::NotKnown => KmError::NotKnown {
                code,
                detail,
                reasons,
                state,
                event,
                index,
                file,
                path,
            },
            ErrorKind::Undetermined => KmError::Undetermined {
                code,
                detail,
                reasons,
                state,
                event,
                index,
                file,
                path,
            },
            ErrorKind::Internal => KmError::Internal {
                code,
                detail,
                reasons,
                state,
                event,
                index,
                file,
                path,
            },
        }
    }

    fn parts(&self) -> (ErrorKind, &str, &str) {
        match self {
            KmError::InvalidInput { code, detail, .. } => (ErrorKind::InvalidInput, code, detail),
            KmError::NotEligible { code, detail, .. } => (ErrorKind::NotEligible, code, detail),
            KmError::MoveNotAllowed { code, detail, .. } => {
                (ErrorKind::MoveNotAllowed, code, detail)
            }
            KmError::Bundle { code, detail, .. } => (ErrorKind::Bundle, code, detail),
            KmError::TamperedLog { code, detail, .. } => (ErrorKind::TamperedLog, code, detail),
            KmError::NotKnown { code, detail, .. } => (ErrorKind::NotKnown, code, detail),
            KmError::Undetermined { code, detail, .. } => (ErrorKind::Undetermined, code, detail),
            KmError::Internal { code, detail, .. } => (ErrorKind::Internal, code, detail),
        }
    }

    /// The English text for a person.
    pub(crate) fn detail(&self) -> &str {
        self.parts().2
    }

    /// The kind, code and text as a plain record (batch results).
    pub(crate) fn info(&self) -> ErrorInfo {
        let (kind, code, detail) = self.parts();
        ErrorInfo {
            kind,
            code: code.to_string(),
            detail: detail.to_string(),
        }
    }
}

#[uniffi::export]
impl KmError {
    /// The coarse kind (the same as the exception's subclass).
    pub fn kind(&self) -> ErrorKind {
        self.parts().0
    }

    /// The stable reason code, whatever the subclass.
    pub fn reason_code(&self) -> String {
        self.parts().1.to_string()
    }
}

impl From<kmcore::KmError> for KmError {
    fn from(err: kmcore::KmError) -> Self {
        KmError::build(
            err.kind().into(),
            Parts {
                code: err.code().to_string(),
                detail: err.message().to_string(),
                reasons: err.reasons().to_vec(),
                state: err.state().map(str::to_string),
                event: err.event().map(str::to_string),
                index: err.index().map(crate::to_i64),
                file: err.file().map(str::to_string),
                path: err.path().map(str::to_string),
            },
        )
    }
}

impl fmt::Display for KmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.detail())
    }
}

impl std::error::Error for KmError {}

mirror_enum! {
    /// The coarse kind of an error; one exception subclass per kind.
    pub enum ErrorKind mirrors kmcore::ErrorKind {
        /// A value given to the library is malformed or out of range.
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
        /// A workflow guard cannot be decided.
        Undetermined,
        /// A bug in the library caught at the boundary.
        Internal,
    }
}

/// An error as a plain value, where a call reports many outcomes at once
/// (`Catalogue.quoteBatch`) instead of throwing.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ErrorInfo {
    /// The kind.
    pub kind: ErrorKind,
    /// The stable reason code.
    pub code: String,
    /// English text for a person.
    pub detail: String,
}
