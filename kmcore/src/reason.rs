//! Reason codes, their parameters, and the English and Urdu message
//! catalogues that turn them into sentences.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::calendar::Span;
use crate::error::{KmError, Result};
use crate::money::Money;

/// A stable reason code such as `age.minimum`.
///
/// Codes never change meaning once published; messages for each code live in
/// the message catalogues, in English and Urdu, with a text for a passed and
/// for a failed check.
///
/// # Example
///
/// ```
/// use kmcore::ReasonCode;
/// assert_eq!(ReasonCode::AGE_MINIMUM.as_str(), "age.minimum");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReasonCode(&'static str);

impl ReasonCode {
    /// A code from its static name. Codes are declared as constants next to
    /// the rules that use them.
    pub const fn new(code: &'static str) -> ReasonCode {
        ReasonCode(code)
    }

    /// The code as text.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::ReasonCode::FEE_NOT_KNOWN.as_str(), "fee.not_known");
    /// ```
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// The applicant's age meets the minimum for the service.
    pub const AGE_MINIMUM: ReasonCode = ReasonCode("age.minimum");
    /// The applicant is younger than the upper age limit.
    pub const AGE_BELOW_LIMIT: ReasonCode = ReasonCode("age.below_limit");
    /// A required document was supplied.
    pub const DOCUMENT_REQUIRED: ReasonCode = ReasonCode("document.required");
    /// The service is offered in the jurisdiction.
    pub const SERVICE_OFFERED: ReasonCode = ReasonCode("service.offered");
    /// The service had started on the as-of date.
    pub const SERVICE_STARTED: ReasonCode = ReasonCode("service.started");
    /// The fee for the service is not known for the jurisdiction and date.
    pub const FEE_NOT_KNOWN: ReasonCode = ReasonCode("fee.not_known");
    /// A rule value the check needs is not known for the jurisdiction and date.
    pub const RULE_NOT_KNOWN: ReasonCode = ReasonCode("rule.not_known");
}

impl std::fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl serde::Serialize for ReasonCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

/// The language of a message.
///
/// # Example
///
/// ```
/// assert_eq!("ur".parse::<kmcore::Lang>().unwrap(), kmcore::Lang::Ur);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// English.
    En,
    /// Urdu.
    Ur,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ur];

    /// The ISO 639-1 code.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::Lang::En.code(), "en");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ur => "ur",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = KmError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "en" => Ok(Lang::En),
            "ur" => Ok(Lang::Ur),
            _ => Err(KmError::invalid(
                "lang.unknown",
                format!("unknown language `{s}`: expected en or ur"),
            )),
        }
    }
}

/// A value that fills a placeholder in a message.
///
/// # Example
///
/// ```
/// use kmcore::ParamValue;
/// assert_eq!(ParamValue::Years(18).to_string(), "18 years");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum ParamValue {
    /// A plain number.
    Number(i64),
    /// A number of years.
    Years(i64),
    /// A number of months.
    Months(i64),
    /// A number of calendar days.
    Days(i64),
    /// A number of working days.
    WorkingDays(i64),
    /// A number of hours.
    Hours(i64),
    /// An engine size.
    Cc(i64),
    /// An amount of money.
    Money(Money),
    /// A date.
    Date(NaiveDate),
    /// An instant.
    Instant(DateTime<FixedOffset>),
    /// An elapsed span (an age, a holding period).
    Span(Span),
    /// A term from the terms table (a category, a document, a test).
    Term(&'static str),
}

impl std::fmt::Display for ParamValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&render_value(*self, Lang::En, None))
    }
}

/// A named parameter of a check.
///
/// # Example
///
/// ```
/// use kmcore::{Param, ParamValue};
/// let p = Param::new("minimum", ParamValue::Years(18));
/// assert_eq!(p.name, "minimum");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Param {
    /// The placeholder name.
    pub name: &'static str,
    /// Its value.
    pub value: ParamValue,
}

impl Param {
    /// A parameter from a name and value.
    pub const fn new(name: &'static str, value: ParamValue) -> Param {
        Param { name, value }
    }
}

/// Left-to-right isolate and pop-directional isolate: they keep numbers and
/// dates reading left to right inside right-to-left Urdu text.
pub(crate) const LRI: char = '\u{2066}';
pub(crate) const PDI: char = '\u{2069}';

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    #[serde(default)]
    reasons: HashMap<String, ReasonTexts>,
    #[serde(default)]
    terms: HashMap<String, Texts>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ReasonTexts {
    en: PassFail,
    ur: PassFail,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PassFail {
    pass: String,
    fail: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Texts {
    en: String,
    ur: String,
}

/// The message catalogues: reason texts and terms, in English and Urdu.
#[derive(Debug, Default)]
pub(crate) struct Messages {
    reasons: HashMap<String, [[String; 2]; 2]>,
    terms: HashMap<String, [String; 2]>,
}

const EMBEDDED_MESSAGES: &[(&str, &str)] = &[
    (
        "messages/common.json",
        include_str!("../data/messages/common.json"),
    ),
    (
        "messages/driving_licence.json",
        include_str!("../data/messages/driving_licence.json"),
    ),
    (
        "messages/certificates.json",
        include_str!("../data/messages/certificates.json"),
    ),
    (
        "messages/registration.json",
        include_str!("../data/messages/registration.json"),
    ),
    (
        "messages/arms_licence.json",
        include_str!("../data/messages/arms_licence.json"),
    ),
    (
        "messages/other_services.json",
        include_str!("../data/messages/other_services.json"),
    ),
];

impl Messages {
    pub(crate) fn embedded() -> Result<Messages> {
        let mut messages = Messages::default();
        for (name, text) in EMBEDDED_MESSAGES {
            messages.add_file(name, text)?;
        }
        Ok(messages)
    }

    fn add_file(&mut self, name: &str, text: &str) -> Result<()> {
        let file: CatalogueFile = serde_json::from_str(text)
            .map_err(|e| KmError::bundle("messages.syntax", name, "$", e))?;
        for (code, t) in file.reasons {
            if self.reasons.contains_key(&code) {
                return Err(KmError::bundle(
                    "messages.duplicate",
                    name,
                    format!("reasons.{code}"),
                    "code defined twice",
                ));
            }
            self.reasons
                .insert(code, [[t.en.pass, t.en.fail], [t.ur.pass, t.ur.fail]]);
        }
        for (term, t) in file.terms {
            self.terms.insert(term, [t.en, t.ur]);
        }
        Ok(())
    }

    /// True when the code has a non-empty pass and fail text in the language.
    pub(crate) fn has_reason(&self, code: ReasonCode, lang: Lang) -> bool {
        self.reasons.get(code.as_str()).is_some_and(|texts| {
            texts
                .get(lang_index(lang))
                .is_some_and(|t| t.iter().all(|s| !s.trim().is_empty()))
        })
    }

    pub(crate) fn term(&self, term: &str, lang: Lang) -> Option<&str> {
        self.terms
            .get(term)
            .and_then(|t| t.get(lang_index(lang)))
            .map(String::as_str)
    }

    /// Renders a check's message; a code without text renders as the code
    /// itself followed by its parameters, so nothing is ever silently empty.
    pub(crate) fn render(
        &self,
        code: ReasonCode,
        passed: bool,
        params: &[Param],
        lang: Lang,
    ) -> String {
        let template = self
            .reasons
            .get(code.as_str())
            .and_then(|t| t.get(lang_index(lang)))
            .and_then(|t| t.get(usize::from(!passed)));
        let Some(template) = template else {
            let mut out = code.as_str().to_string();
            for p in params {
                let _ = write!(
                    out,
                    " {}={}",
                    p.name,
                    render_value(p.value, lang, Some(self))
                );
            }
            return out;
        };
        fill(template, params, lang, self)
    }
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Ur => 1,
    }
}

/// Replaces each `{name}` in the template by the parameter's rendering.
fn fill(template: &str, params: &[Param], lang: Lang, messages: &Messages) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let after = after.get(1..).unwrap_or("");
        match after.find('}') {
            Some(close) => {
                let name = after.get(..close).unwrap_or("");
                match params.iter().find(|p| p.name == name) {
                    Some(p) => out.push_str(&render_value(p.value, lang, Some(messages))),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = after.get(close + 1..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Renders a value for a message. In Urdu, numbers and dates are wrapped in
/// a left-to-right isolate so they keep their order inside Urdu text.
pub(crate) fn render_value(value: ParamValue, lang: Lang, messages: Option<&Messages>) -> String {
    let isolate = |s: String| -> String {
        match lang {
            Lang::En => s,
            Lang::Ur => format!("{LRI}{s}{PDI}"),
        }
    };
    match (value, lang) {
        (ParamValue::Number(n), _) | (ParamValue::Cc(n), Lang::Ur) => isolate(n.to_string()),
        (ParamValue::Cc(n), Lang::En) => format!("{n} cc"),
        (ParamValue::Years(n), Lang::En) => plural(n, "year", "years"),
        (ParamValue::Months(n), Lang::En) => plural(n, "month", "months"),
        (ParamValue::Days(n), Lang::En) => plural(n, "day", "days"),
        (ParamValue::WorkingDays(n), Lang::En) => plural(n, "working day", "working days"),
        (ParamValue::Hours(n), Lang::En) => plural(n, "hour", "hours"),
        (ParamValue::Years(n), Lang::Ur) => format!("{} سال", isolate(n.to_string())),
        (ParamValue::Months(n), Lang::Ur) => format!("{} مہینے", isolate(n.to_string())),
        (ParamValue::Days(n), Lang::Ur) => format!("{} دن", isolate(n.to_string())),
        (ParamValue::WorkingDays(n), Lang::Ur) => format!("{} کام کے دن", isolate(n.to_string())),
        (ParamValue::Hours(n), Lang::Ur) => format!("{} گھنٹے", isolate(n.to_string())),
        (ParamValue::Money(m), _) => isolate(m.to_string()),
        (ParamValue::Date(d), _) => isolate(d.format("%Y-%m-%d").to_string()),
        (ParamValue::Instant(t), _) => isolate(t.format("%Y-%m-%d %H:%M").to_string()),
        (ParamValue::Span(s), Lang::En) => s.to_string(),
        (ParamValue::Span(s), Lang::Ur) => {
            let mut parts = Vec::new();
            if s.years != 0 {
                parts.push(format!("{} سال", isolate(s.years.to_string())));
            }
            if s.months != 0 {
                parts.push(format!("{} مہینے", isolate(s.months.to_string())));
            }
            if s.days != 0 || parts.is_empty() {
                parts.push(format!("{} دن", isolate(s.days.to_string())));
            }
            parts.join(" ")
        }
        (ParamValue::Term(t), lang) => messages
            .and_then(|m| m.term(t, lang))
            .map_or_else(|| t.replace('_', " "), str::to_string),
    }
}
