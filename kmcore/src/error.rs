//! The one error type of kmcore.

use std::fmt;

use crate::named::named_enum;

named_enum! {
    /// What went wrong, coarsely. Bindings map each kind to an exception class.
    ///
    /// The enum is exhaustive on purpose: a new kind must break every binding's
    /// `match` so that it is mapped deliberately.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{ErrorKind, Cnic};
    /// let err = Cnic::parse("12345").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidInput);
    /// assert_eq!(err.kind().as_str(), "invalid_input");
    /// ```
    pub enum ErrorKind("error kind", "error_kind.unknown") {
        /// A value given to the library is malformed or out of range: an
        /// identifier, a date, a missing or unexpected fact, an unknown name.
        InvalidInput = "invalid_input",
        /// An application was submitted but a rule it must meet failed.
        NotEligible = "not_eligible",
        /// An event was applied in a state of the workflow that does not accept it.
        MoveNotAllowed = "move_not_allowed",
        /// A rule bundle (or an overlay) failed to parse or to validate.
        Bundle = "bundle",
        /// A serialised event log failed verification: an event was altered,
        /// removed or reordered, or replay disagrees with what was recorded.
        TamperedLog = "tampered_log",
        /// A value the rules need (for example a fee) is not known for the
        /// jurisdiction and date asked about.
        NotKnown = "not_known",
        /// A workflow guard cannot be decided: a fact it needs is missing or a
        /// rule's value is not known. Neither a refusal nor the caller's
        /// mistake in form: the answer needs more information.
        Undetermined = "undetermined",
        /// A bug in the library, caught before it could take the caller down
        /// (a batch row whose evaluation panicked, code `batch.panic`). Never
        /// the caller's fault: report it.
        Internal = "internal",
    }
}

/// The error returned by every fallible kmcore function.
///
/// It carries a coarse [`ErrorKind`], a stable reason code such as
/// `identifier.cnic.shape` or `bundle.overlap`, and an English message.
/// Context that only some errors have (the bundle file and path, the state
/// and event of a refused move, the index of a tampered event) is available
/// through accessors that return `None` otherwise.
///
/// # Example
///
/// ```
/// use kmcore::MobileNumber;
/// let err = MobileNumber::parse("0800-12345").unwrap_err();
/// assert!(err.is_invalid_input());
/// assert_eq!(err.code(), "identifier.mobile.shape");
/// assert!(err.to_string().contains("mobile"));
/// ```
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.inner.message)]
pub struct KmError {
    inner: Box<Inner>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    code: &'static str,
    message: String,
    file: Option<String>,
    path: Option<String>,
    state: Option<String>,
    event: Option<String>,
    index: Option<u64>,
    reasons: Vec<String>,
}

impl fmt::Debug for KmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("KmError");
        d.field("kind", &self.inner.kind)
            .field("code", &self.inner.code)
            .field("message", &self.inner.message);
        if let Some(file) = &self.inner.file {
            d.field("file", file);
        }
        if let Some(path) = &self.inner.path {
            d.field("path", path);
        }
        if let Some(state) = &self.inner.state {
            d.field("state", state);
        }
        if let Some(event) = &self.inner.event {
            d.field("event", event);
        }
        if let Some(index) = &self.inner.index {
            d.field("index", index);
        }
        if !self.inner.reasons.is_empty() {
            d.field("reasons", &self.inner.reasons);
        }
        d.finish()
    }
}

/// How every error message shows a value taken from input: the value
/// itself when it is at most 40 characters, else its first 40 characters,
/// `…` and its full length. A long bad value (a 10 MB string in a column)
/// must never make a long error.
///
/// ```
/// assert_eq!(kmcore::excerpt("tank"), "tank");
/// let long = "x".repeat(10_000);
/// assert_eq!(kmcore::excerpt(&long), format!("{}… (10000 characters)", "x".repeat(40)));
/// ```
pub fn excerpt(value: &str) -> String {
    const SHOWN: usize = 40;
    match value.char_indices().nth(SHOWN) {
        None => value.to_string(),
        Some((cut, _)) => format!("{}… ({} characters)", &value[..cut], value.chars().count()),
    }
}

impl KmError {
    pub(crate) fn new(kind: ErrorKind, code: &'static str, message: impl Into<String>) -> Self {
        KmError {
            inner: Box::new(Inner {
                kind,
                code,
                message: message.into(),
                file: None,
                path: None,
                state: None,
                event: None,
                index: None,
                reasons: Vec::new(),
            }),
        }
    }

    pub(crate) fn invalid(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidInput, code, message)
    }

    /// A bundle error naming the file and the path inside it.
    pub(crate) fn bundle(
        code: &'static str,
        file: &str,
        path: impl Into<String>,
        problem: impl fmt::Display,
    ) -> Self {
        let path = path.into();
        let mut err = Self::new(
            ErrorKind::Bundle,
            code,
            format!("{file}: at {path}: {problem}"),
        );
        err.inner.file = Some(file.to_string());
        err.inner.path = Some(path);
        err
    }

    pub(crate) fn move_not_allowed(service: &str, state: &str, event: &str) -> Self {
        let mut err = Self::new(
            ErrorKind::MoveNotAllowed,
            "workflow.move_not_allowed",
            format!("{service}: event `{event}` is not allowed in state `{state}`"),
        );
        err.inner.state = Some(state.to_string());
        err.inner.event = Some(event.to_string());
        err
    }

    pub(crate) fn tampered(code: &'static str, index: u64, message: impl Into<String>) -> Self {
        let mut err = Self::new(ErrorKind::TamperedLog, code, message);
        err.inner.index = Some(index);
        err
    }

    pub(crate) fn with_index(mut self, index: u64) -> Self {
        self.inner.index = Some(index);
        self
    }

    pub(crate) fn with_reasons(mut self, reasons: Vec<String>) -> Self {
        self.inner.reasons = reasons;
        self
    }

    pub(crate) fn with_state_event(mut self, state: &str, event: &str) -> Self {
        self.inner.state = Some(state.to_string());
        self.inner.event = Some(event.to_string());
        self
    }

    /// The coarse kind of this error.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Cnic, ErrorKind};
    /// assert_eq!(Cnic::parse("x").unwrap_err().kind(), ErrorKind::InvalidInput);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The stable reason code, for example `bundle.overlap`.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Cnic;
    /// assert_eq!(Cnic::parse("85202-1234567-1").unwrap_err().code(), "identifier.cnic.region");
    /// ```
    pub fn code(&self) -> &'static str {
        self.inner.code
    }

    /// The English message (the same text as `Display`).
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Cnic;
    /// let err = Cnic::parse("").unwrap_err();
    /// assert_eq!(err.message(), err.to_string());
    /// ```
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// For bundle errors, the name of the file that failed.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kmcore::RuleBundle::from_json("mine.json", "{").unwrap_err();
    /// assert_eq!(err.file(), Some("mine.json"));
    /// ```
    pub fn file(&self) -> Option<&str> {
        self.inner.file.as_deref()
    }

    /// For bundle errors, the path inside the file (for example
    /// `parameters.driving_licence.learner_permit.fee.PB[1]`).
    ///
    /// # Example
    ///
    /// ```
    /// let err = kmcore::RuleBundle::from_json("mine.json", "{\"nonsense\": 1}").unwrap_err();
    /// assert!(err.path().is_some());
    /// ```
    pub fn path(&self) -> Option<&str> {
        self.inner.path.as_deref()
    }

    /// For refused moves and failed guards, the state the application was in.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId, Jurisdiction, Application, Actor};
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::CharacterCertificateIssue, Jurisdiction::PB, "CC-1").unwrap();
    /// let at = "2025-01-01T10:00:00+05:00".parse().unwrap();
    /// let err = app.apply(cat, "issue", at, Actor::Clerk, None).unwrap_err();
    /// assert_eq!(err.state(), Some("draft"));
    /// assert_eq!(err.event(), Some("issue"));
    /// ```
    pub fn state(&self) -> Option<&str> {
        self.inner.state.as_deref()
    }

    /// For refused moves, the event that was refused.
    ///
    /// # Example
    ///
    /// See [`KmError::state`].
    ///
    /// ```
    /// # use kmcore::Cnic;
    /// assert_eq!(Cnic::parse("1").unwrap_err().event(), None);
    /// ```
    pub fn event(&self) -> Option<&str> {
        self.inner.event.as_deref()
    }

    /// For tampered logs, the zero-based index of the first bad event.
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::Cnic;
    /// assert_eq!(Cnic::parse("1").unwrap_err().index(), None);
    /// ```
    pub fn index(&self) -> Option<u64> {
        self.inner.index
    }

    /// For `NotEligible` errors, the reason codes of the rules that failed.
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::Cnic;
    /// assert!(Cnic::parse("1").unwrap_err().reasons().is_empty());
    /// ```
    pub fn reasons(&self) -> &[String] {
        &self.inner.reasons
    }

    /// True when the input given to the library was invalid.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kmcore::Cnic::parse("1").unwrap_err().is_invalid_input());
    /// ```
    pub fn is_invalid_input(&self) -> bool {
        self.inner.kind == ErrorKind::InvalidInput
    }

    /// True when a submitted application failed its eligibility rules.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!kmcore::Cnic::parse("1").unwrap_err().is_not_eligible());
    /// ```
    pub fn is_not_eligible(&self) -> bool {
        self.inner.kind == ErrorKind::NotEligible
    }

    /// True when an event is not allowed in the current state.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!kmcore::Cnic::parse("1").unwrap_err().is_move_not_allowed());
    /// ```
    pub fn is_move_not_allowed(&self) -> bool {
        self.inner.kind == ErrorKind::MoveNotAllowed
    }

    /// True when a rule bundle failed to load.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kmcore::RuleBundle::from_json("x.json", "[]").unwrap_err().is_bundle());
    /// ```
    pub fn is_bundle(&self) -> bool {
        self.inner.kind == ErrorKind::Bundle
    }

    /// True when an event log failed verification.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!kmcore::Cnic::parse("1").unwrap_err().is_tampered_log());
    /// ```
    pub fn is_tampered_log(&self) -> bool {
        self.inner.kind == ErrorKind::TamperedLog
    }

    /// True when a value the rules need is not known.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!kmcore::Cnic::parse("1").unwrap_err().is_not_known());
    /// ```
    pub fn is_not_known(&self) -> bool {
        self.inner.kind == ErrorKind::NotKnown
    }

    /// True when a workflow guard could not be decided (a missing fact or a
    /// rule whose value is not known).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!kmcore::Cnic::parse("1").unwrap_err().is_undetermined());
    /// ```
    pub fn is_undetermined(&self) -> bool {
        self.inner.kind == ErrorKind::Undetermined
    }

    /// True when the error is a bug in the library caught at a boundary
    /// (a batch row whose evaluation panicked).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!kmcore::Cnic::parse("1").unwrap_err().is_internal());
    /// ```
    pub fn is_internal(&self) -> bool {
        self.inner.kind == ErrorKind::Internal
    }
}

/// Shorthand for `Result<T, KmError>`.
///
/// # Example
///
/// ```
/// use kmcore::{Cnic, Result};
/// fn parse(text: &str) -> Result<Cnic> {
///     Cnic::parse(text)
/// }
/// assert!(parse("1").unwrap_err().is_invalid_input());
/// ```
pub type Result<T, E = KmError> = std::result::Result<T, E>;
