//! Reason codes, their parameters, and the English and Urdu message
//! catalogues that turn them into sentences.

use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::HashMap;

use crate::calendar::Span;
use crate::error::{KmError, Result};
use crate::format::{self, Unit};
use crate::money::Money;
use crate::named::named_enum;

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
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Lang, ReasonCode};
    /// const CITIZEN: ReasonCode = ReasonCode::new("arms.citizen");
    /// assert_eq!(CITIZEN, kmcore::services::arms_licence_new::CITIZEN);
    /// assert!(Catalogue::embedded().unwrap().has_message(CITIZEN, Lang::Ur));
    /// ```
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
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Lang, ReasonCode, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// assert_eq!(ReasonCode::AGE_MINIMUM.as_str(), "age.minimum");
    /// assert!(cat.has_message(ReasonCode::AGE_MINIMUM, Lang::En) && cat.has_message(ReasonCode::AGE_MINIMUM, Lang::Ur));
    /// assert!(cat.service(ServiceId::LearnerPermit).reasons.contains(&ReasonCode::AGE_MINIMUM));
    /// ```
    pub const AGE_MINIMUM: ReasonCode = ReasonCode("age.minimum");
    /// The applicant is younger than the upper age limit.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Lang, ReasonCode, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// assert_eq!(ReasonCode::AGE_BELOW_LIMIT.as_str(), "age.below_limit");
    /// assert!(cat.has_message(ReasonCode::AGE_BELOW_LIMIT, Lang::En) && cat.has_message(ReasonCode::AGE_BELOW_LIMIT, Lang::Ur));
    /// assert!(cat.service(ServiceId::JuvenileMotorcyclePermit).reasons.contains(&ReasonCode::AGE_BELOW_LIMIT));
    /// ```
    pub const AGE_BELOW_LIMIT: ReasonCode = ReasonCode("age.below_limit");
    /// A required document was supplied.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Lang, ReasonCode, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// assert_eq!(ReasonCode::DOCUMENT_REQUIRED.as_str(), "document.required");
    /// assert!(cat.has_message(ReasonCode::DOCUMENT_REQUIRED, Lang::En) && cat.has_message(ReasonCode::DOCUMENT_REQUIRED, Lang::Ur));
    /// assert!(cat.service(ServiceId::PoliceVerification).reasons.contains(&ReasonCode::DOCUMENT_REQUIRED));
    /// ```
    pub const DOCUMENT_REQUIRED: ReasonCode = ReasonCode("document.required");
    /// The service is offered in the jurisdiction.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Lang, ReasonCode};
    /// let cat = Catalogue::embedded().unwrap();
    /// assert_eq!(ReasonCode::SERVICE_OFFERED.as_str(), "service.offered");
    /// assert!(cat.has_message(ReasonCode::SERVICE_OFFERED, Lang::En) && cat.has_message(ReasonCode::SERVICE_OFFERED, Lang::Ur));
    /// ```
    pub const SERVICE_OFFERED: ReasonCode = ReasonCode("service.offered");
    /// The service had started on the as-of date.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Lang, ReasonCode, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// assert_eq!(ReasonCode::SERVICE_STARTED.as_str(), "service.started");
    /// assert!(cat.has_message(ReasonCode::SERVICE_STARTED, Lang::En) && cat.has_message(ReasonCode::SERVICE_STARTED, Lang::Ur));
    /// assert!(cat.service(ServiceId::JuvenileMotorcyclePermit).reasons.contains(&ReasonCode::SERVICE_STARTED));
    /// ```
    pub const SERVICE_STARTED: ReasonCode = ReasonCode("service.started");
    /// The fee for the service is not known for the jurisdiction and date.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Lang, ReasonCode};
    /// let cat = Catalogue::embedded().unwrap();
    /// assert_eq!(ReasonCode::FEE_NOT_KNOWN.as_str(), "fee.not_known");
    /// assert!(cat.has_message(ReasonCode::FEE_NOT_KNOWN, Lang::En) && cat.has_message(ReasonCode::FEE_NOT_KNOWN, Lang::Ur));
    /// ```
    pub const FEE_NOT_KNOWN: ReasonCode = ReasonCode("fee.not_known");
    /// A rule value the check needs is not known for the jurisdiction and date.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Lang, ReasonCode, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// assert_eq!(ReasonCode::RULE_NOT_KNOWN.as_str(), "rule.not_known");
    /// assert!(cat.has_message(ReasonCode::RULE_NOT_KNOWN, Lang::En) && cat.has_message(ReasonCode::RULE_NOT_KNOWN, Lang::Ur));
    /// assert!(cat.service(ServiceId::LearnerPermit).reasons.contains(&ReasonCode::RULE_NOT_KNOWN));
    /// ```
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

named_enum! {
    /// The language of a message.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!("ur".parse::<kmcore::Lang>().unwrap(), kmcore::Lang::Ur);
    /// assert_eq!(kmcore::Lang::En.as_str(), "en");
    /// ```
    pub enum Lang("language", "lang.unknown") {
        /// English.
        En = "en",
        /// Urdu.
        Ur = "ur",
    }
}

impl Lang {
    /// The label a listing of checks puts before a check's message, in
    /// this language: `[pass]` or `[FAIL]` in English, `[ٹھیک]` or `[کمی]`
    /// in Urdu.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Lang;
    /// assert_eq!(Lang::En.check_label(false), "[FAIL]");
    /// assert_eq!(Lang::Ur.check_label(true), "[ٹھیک]");
    /// ```
    pub const fn check_label(self, passed: bool) -> &'static str {
        match (self, passed) {
            (Lang::En, true) => "[pass]",
            (Lang::En, false) => "[FAIL]",
            (Lang::Ur, true) => "[ٹھیک]",
            (Lang::Ur, false) => "[کمی]",
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
        let mut out = String::new();
        write_value(&mut out, *self, Lang::En, None);
        f.write_str(&out)
    }
}

/// The name of a check's parameter, as one byte (a check keeps up to four
/// parameters inline, so its size matters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ParamName {
    /// `age`
    Age,
    /// `applied_by`
    AppliedBy,
    /// `band`
    Band,
    /// `days`
    Days,
    /// `deadline`
    Deadline,
    /// `document`
    Document,
    /// `engine`
    Engine,
    /// `expires_on`
    ExpiresOn,
    /// `fine_max`
    FineMax,
    /// `fine_min`
    FineMin,
    /// `held`
    Held,
    /// `imprisonment`
    Imprisonment,
    /// `issued_on`
    IssuedOn,
    /// `jurisdiction`
    Jurisdiction,
    /// `limit`
    Limit,
    /// `maximum`
    Maximum,
    /// `minimum`
    Minimum,
    /// `months`
    Months,
    /// `on`
    On,
    /// `presented`
    Presented,
    /// `reported_at`
    ReportedAt,
    /// `required`
    Required,
    /// `rule`
    Rule,
    /// `since`
    Since,
    /// `test`
    Test,
    /// `valid_until`
    ValidUntil,
    /// `variant`
    Variant,
    /// `waited`
    Waited,
    /// `window`
    Window,
    /// `window_end`
    WindowEnd,
}

impl ParamName {
    /// The placeholder name the message templates use.
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            ParamName::Age => "age",
            ParamName::AppliedBy => "applied_by",
            ParamName::Band => "band",
            ParamName::Days => "days",
            ParamName::Deadline => "deadline",
            ParamName::Document => "document",
            ParamName::Engine => "engine",
            ParamName::ExpiresOn => "expires_on",
            ParamName::FineMax => "fine_max",
            ParamName::FineMin => "fine_min",
            ParamName::Held => "held",
            ParamName::Imprisonment => "imprisonment",
            ParamName::IssuedOn => "issued_on",
            ParamName::Jurisdiction => "jurisdiction",
            ParamName::Limit => "limit",
            ParamName::Maximum => "maximum",
            ParamName::Minimum => "minimum",
            ParamName::Months => "months",
            ParamName::On => "on",
            ParamName::Presented => "presented",
            ParamName::ReportedAt => "reported_at",
            ParamName::Required => "required",
            ParamName::Rule => "rule",
            ParamName::Since => "since",
            ParamName::Test => "test",
            ParamName::ValidUntil => "valid_until",
            ParamName::Variant => "variant",
            ParamName::Waited => "waited",
            ParamName::Window => "window",
            ParamName::WindowEnd => "window_end",
        }
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
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Param, ParamValue};
    /// const WAIT: Param = Param::new("wait", ParamValue::Days(42));
    /// assert_eq!((WAIT.name, WAIT.value.to_string()), ("wait", "42 days".to_string()));
    /// ```
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
    /// A note for the counter clerk: how the rule is read, what is
    /// uncertain, where it comes from. Never shown to the citizen.
    #[serde(default)]
    clerk: Option<Texts>,
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

/// FNV-1a, for maps keyed by the catalogues' own short strings (reason
/// codes and terms from embedded data): SipHash's defence against chosen
/// keys buys nothing there, and hashing was ~10% of rendering a message
/// (callgrind, see BENCHMARKS.md).
#[derive(Clone, Copy, Debug)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map from the catalogues' strings.
type TextMap<V> = HashMap<String, V, std::hash::BuildHasherDefault<Fnv>>;

/// The message catalogues: reason texts and terms, in English and Urdu.
#[derive(Debug, Default)]
pub(crate) struct Messages {
    reasons: TextMap<[[String; 2]; 2]>,
    clerk_notes: TextMap<[String; 2]>,
    terms: TextMap<[String; 2]>,
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
            if let Some(note) = t.clerk {
                self.clerk_notes.insert(code.clone(), [note.en, note.ur]);
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

    /// The clerk's note on a code, when it has one.
    pub(crate) fn clerk_note(&self, code: ReasonCode, lang: Lang) -> Option<&str> {
        self.clerk_notes
            .get(code.as_str())
            .and_then(|t| t.get(lang_index(lang)))
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty())
    }

    /// Every code with texts, sorted.
    pub(crate) fn codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self.reasons.keys().map(String::as_str).collect();
        codes.sort_unstable();
        codes
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
                out.push(' ');
                out.push_str(p.name);
                out.push('=');
                write_value(&mut out, p.value, lang, Some(self));
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
///
/// Values are written straight into the message: callgrind showed the
/// `String` each value used to be rendered into (and the regrowth of the
/// message around it) at over half the cost of a message.
fn fill(template: &str, params: &[Param], lang: Lang, messages: &Messages) -> String {
    let mut out = String::with_capacity(template.len() + 24 * params.len() + 8);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let after = after.get(1..).unwrap_or("");
        match after.find('}') {
            Some(close) => {
                let name = after.get(..close).unwrap_or("");
                match params.iter().find(|p| p.name == name) {
                    Some(p) => write_value(&mut out, p.value, lang, Some(messages)),
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

/// Renders a value for a message into `out`, by the rules of
/// [`crate::format`]: in Urdu, numbers and dates are wrapped in a
/// left-to-right isolate so they keep their order inside Urdu text.
fn write_value(out: &mut String, value: ParamValue, lang: Lang, messages: Option<&Messages>) {
    match value {
        ParamValue::Number(n) => format::number(out, n, lang),
        ParamValue::Cc(n) => format::engine_cc(out, n, lang),
        ParamValue::Years(n) => format::duration(out, n, Unit::Years, lang),
        ParamValue::Months(n) => format::duration(out, n, Unit::Months, lang),
        ParamValue::Days(n) => format::duration(out, n, Unit::Days, lang),
        ParamValue::WorkingDays(n) => format::duration(out, n, Unit::WorkingDays, lang),
        ParamValue::Hours(n) => format::duration(out, n, Unit::Hours, lang),
        ParamValue::Money(m) => format::money(out, m, lang),
        ParamValue::Date(d) => format::date(out, d, lang),
        ParamValue::Instant(t) => format::instant(out, t, lang),
        ParamValue::Span(s) => format::span(out, s, lang),
        ParamValue::Term(t) => {
            // A check with no value for a term (an unanswered choice) says
            // so rather than leaving a hole in the sentence.
            let t = if t.is_empty() { NOT_STATED } else { t };
            match messages.and_then(|m| m.term(t, lang)) {
                Some(text) => out.push_str(text),
                None => out.extend(t.chars().map(|c| if c == '_' { ' ' } else { c })),
            }
        }
    }
}

/// The term an empty term value renders as.
const NOT_STATED: &str = "not_stated";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_their_placeholders() {
        let messages = Messages::embedded().unwrap();
        let params = [
            Param::new("minimum", ParamValue::Years(18)),
            Param::new(
                "age",
                ParamValue::Span(Span {
                    years: 17,
                    months: 11,
                    days: 30,
                }),
            ),
        ];
        let en = messages.render(ReasonCode::AGE_MINIMUM, false, &params, Lang::En);
        assert!(en.contains("18 years"), "{en}");
        assert!(en.contains("17 years, 11 months and 30 days"), "{en}");
        let ur = messages.render(ReasonCode::AGE_MINIMUM, false, &params, Lang::Ur);
        assert!(ur.contains("\u{2066}18\u{2069} سال"), "{ur}");
        let unknown = messages.render(ReasonCode::new("no.such_code"), true, &params, Lang::En);
        assert_eq!(
            unknown,
            "no.such_code minimum=18 years age=17 years, 11 months and 30 days"
        );
        assert_eq!(
            fill(
                "{a} and {b} {",
                &[Param::new("a", ParamValue::Number(1))],
                Lang::En,
                &messages
            ),
            "1 and {b} {"
        );
    }

    #[test]
    fn an_empty_term_is_not_a_hole() {
        let messages = Messages::embedded().unwrap();
        for &lang in Lang::ALL {
            let mut out = String::new();
            write_value(&mut out, ParamValue::Term(""), lang, Some(&messages));
            assert!(!out.trim().is_empty());
            assert_eq!(Some(out.as_str()), messages.term(NOT_STATED, lang));
        }
    }
}
