//! Mirrors `kmcore::catalogue`: the `Catalogue` object (bundles, services,
//! messages) and the calls that evaluate requests.

use std::sync::Arc;

use crate::decision::{Decision, FeeQuote, Request};
use crate::error::{ErrorInfo, KmError};
use crate::facts::FactKey;
use crate::mirror_enum;
use crate::service::{Jurisdiction, ServiceId, ServiceInfo};

mirror_enum! {
    /// A language of the message catalogues.
    pub enum Lang mirrors kmcore::Lang {
        /// English.
        En,
        /// Urdu.
        Ur,
    }
}

/// One line of a documents checklist.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct DocumentItem {
    /// Stable id, such as `authority_letter`.
    pub id: String,
    /// English name.
    pub name: String,
    /// Urdu name.
    pub name_ur: String,
    /// Required given the facts; null when it depends on a fact not given.
    pub required: Option<bool>,
    /// When it is required, if not always (`when applicant_abroad`).
    pub condition: Option<String>,
    /// Whether the facts say it was supplied; null when not said.
    pub provided: Option<bool>,
    /// Required and, by the facts, not supplied.
    pub missing: bool,
}

impl From<kmcore::DocumentItem> for DocumentItem {
    fn from(item: kmcore::DocumentItem) -> Self {
        let missing = item.is_missing();
        let kmcore::DocumentItem {
            id,
            name,
            name_ur,
            required,
            condition,
            provided,
        } = item;
        DocumentItem {
            id: id.to_string(),
            name,
            name_ur,
            required,
            condition,
            provided,
            missing,
        }
    }
}

/// The outcome of one request of a batch: a quote, or the error it raised.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct QuoteOutcome {
    /// The quote, when the request could be evaluated.
    pub quote: Option<FeeQuote>,
    /// Why it could not (a missing fact...), else null.
    pub error: Option<ErrorInfo>,
}

/// Rule bundles, services and message catalogues: what every evaluation
/// needs. Immutable, so one catalogue serves any number of threads at once.
/// Kotlin: `AutoCloseable` (`Catalogue.embedded().use { ... }`).
#[derive(Debug, uniffi::Object)]
pub struct Catalogue {
    inner: kmcore::Catalogue,
}

impl Catalogue {
    /// The core catalogue.
    pub(crate) fn core(&self) -> &kmcore::Catalogue {
        &self.inner
    }

    fn wrap(inner: kmcore::Catalogue) -> Arc<Self> {
        Arc::new(Catalogue { inner })
    }

    fn quote_one(&self, request: Request) -> Result<FeeQuote, KmError> {
        let request: kmcore::Request = request.try_into()?;
        let decision = self.inner.evaluate(&request)?;
        Ok(FeeQuote::of(&decision))
    }
}

#[uniffi::export]
impl Catalogue {
    /// The catalogue over the embedded default bundle (built once per
    /// process, then shared; this call is cheap).
    ///
    /// # Errors
    ///
    /// Only if the embedded data were broken, which the test suite rules out.
    #[uniffi::constructor]
    pub fn embedded() -> Result<Arc<Self>, KmError> {
        Ok(Catalogue::wrap(kmcore::Catalogue::embedded()?.clone()))
    }

    /// A catalogue over a complete rule bundle read from JSON text
    /// (`fileName` names it in errors).
    ///
    /// # Errors
    ///
    /// `Bundle` with the file, the path inside it and the problem.
    #[uniffi::constructor]
    pub fn from_json(file_name: String, text: String) -> Result<Arc<Self>, KmError> {
        Ok(Catalogue::wrap(kmcore::Catalogue::from_json(
            &file_name, &text,
        )?))
    }

    /// A new catalogue whose current bundle is this one's with a what-if
    /// overlay applied; this catalogue is unchanged, and the new one still
    /// holds the older bundles for replaying logs.
    ///
    /// # Errors
    ///
    /// `Bundle` when the overlay does not parse, names another version, or
    /// breaks a value's timeline.
    pub fn with_overlay(&self, file_name: String, text: String) -> Result<Arc<Self>, KmError> {
        Ok(Catalogue::wrap(self.inner.with_overlay(&file_name, &text)?))
    }

    /// The version of the current bundle.
    pub fn bundle_version(&self) -> String {
        self.inner.bundle().version().to_string()
    }

    /// The title of the current bundle.
    pub fn bundle_title(&self) -> String {
        self.inner.bundle().title().to_string()
    }

    /// The versions of the bundles held, oldest first (the last is current).
    pub fn versions(&self) -> Vec<String> {
        self.inner.versions().map(str::to_string).collect()
    }

    /// Every service, in catalogue order.
    pub fn services(&self) -> Vec<ServiceInfo> {
        self.inner
            .services()
            .map(|info| ServiceInfo::of(&self.inner, &info))
            .collect()
    }

    /// What the catalogue knows about one service.
    pub fn service(&self, id: ServiceId) -> ServiceInfo {
        ServiceInfo::of(&self.inner, &self.inner.service(id.into()))
    }

    /// The facts a service requires in a jurisdiction.
    pub fn required_facts(&self, service: ServiceId, jurisdiction: Jurisdiction) -> Vec<FactKey> {
        self.inner
            .service(service.into())
            .required_facts(jurisdiction.into())
            .iter()
            .map(|k| (*k).into())
            .collect()
    }

    /// Evaluates a request under the current bundle: every rule with its
    /// reason code and messages in English and Urdu, the fee quote, any
    /// deadline.
    ///
    /// # Errors
    ///
    /// `InvalidInput` (`fact.missing`) when a fact the service requires in
    /// the jurisdiction is missing (the text lists them all); `date.parse`,
    /// `instant.range` or `request.as_of` for bad dates.
    pub fn evaluate(&self, request: Request) -> Result<Decision, KmError> {
        let request: kmcore::Request = request.try_into()?;
        let decision = self.inner.evaluate(&request)?;
        Ok(Decision::of(&self.inner, &decision))
    }

    /// Evaluates a request under a bundle version this catalogue holds.
    ///
    /// # Errors
    ///
    /// `NotKnown` (`bundle.unknown_version`) when it is not held; otherwise
    /// as `evaluate`.
    pub fn evaluate_under(&self, version: String, request: Request) -> Result<Decision, KmError> {
        let request: kmcore::Request = request.try_into()?;
        let decision = self.inner.evaluate_under(&version, &request)?;
        Ok(Decision::of(&self.inner, &decision))
    }

    /// The fee quote of a request: its lines, total and what is due (no
    /// messages are rendered, so it is cheaper than `evaluate`).
    ///
    /// # Errors
    ///
    /// As `evaluate`.
    pub fn quote(&self, request: Request) -> Result<FeeQuote, KmError> {
        self.quote_one(request)
    }

    /// Quotes many requests in one call across the boundary, in order. A
    /// request that fails gives an outcome with `error` set; the others are
    /// still quoted.
    pub fn quote_batch(&self, requests: Vec<Request>) -> Vec<QuoteOutcome> {
        requests
            .into_iter()
            .map(|request| match self.quote_one(request) {
                Ok(quote) => QuoteOutcome {
                    quote: Some(quote),
                    error: None,
                },
                Err(err) => QuoteOutcome {
                    quote: None,
                    error: Some(err.info()),
                },
            })
            .collect()
    }

    /// The documents checklist of a request: every document the service may
    /// ask for in the jurisdiction, whether it is required given the facts
    /// (and why), and whether the facts say it was supplied.
    ///
    /// # Errors
    ///
    /// Only for bad dates in the request.
    pub fn documents(&self, request: Request) -> Result<Vec<DocumentItem>, KmError> {
        let request: kmcore::Request = request.try_into()?;
        Ok(self
            .inner
            .documents(&request)
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// The English or Urdu name of a term (a document id, a category...).
    pub fn term(&self, term: String, lang: Lang) -> String {
        self.inner.term(&term, lang.into())
    }

    /// A service's workflow as a Mermaid state diagram; null for a check.
    pub fn workflow_mermaid(&self, service: ServiceId) -> Option<String> {
        self.inner
            .workflow(service.into())
            .map(kmcore::WorkflowTable::to_mermaid)
    }
}
