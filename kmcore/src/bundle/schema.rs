//! The parameter schema a bundle is checked against: which parameters each
//! service reads, in which unit, with which variants.
//!
//! The schema is handed to the bundle when it is loaded; the bundle knows
//! nothing else about services. The catalogue hands it the schema the
//! services declare.

use crate::named::named_enum;
use crate::service::ServiceId;

named_enum! {
    /// The unit of a rule-bundle value.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::Unit::WorkingDays.as_str(), "working_days");
    /// ```
    pub enum Unit("unit", "unit.unknown") {
        /// An amount of money in whole rupees (stored as paisa).
        Rupees = "rupees",
        /// Whole years.
        Years = "years",
        /// Whole months.
        Months = "months",
        /// Calendar days.
        Days = "days",
        /// Working days (weekends and bundle holidays excluded).
        WorkingDays = "working_days",
        /// Hours of elapsed time.
        Hours = "hours",
        /// Engine displacement in cubic centimetres.
        Cc = "cc",
    }
}

/// A parameter a service reads from the rule bundle.
///
/// A parameter with variants (for example a fee per licence category) is
/// written in a bundle as `name.variant`, such as `fee.motor_car`.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, ServiceId, Unit};
/// let info = Catalogue::embedded().unwrap().service(ServiceId::LearnerPermit);
/// let fee = info.params.iter().find(|p| p.name == "fee").unwrap();
/// assert_eq!(fee.unit, Unit::Rupees);
/// assert!(fee.variants.contains(&"motorcycle"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamDef {
    /// The parameter name, such as `fee` or `min_age`.
    pub name: &'static str,
    /// The unit its values are given in.
    pub unit: Unit,
    /// The allowed variants, empty when the parameter has none.
    pub variants: &'static [&'static str],
    /// What the parameter means, in one line.
    pub doc: &'static str,
}

/// Every service's declared parameters: what a bundle may contain.
///
/// Values are stored in one dense table: each service's parameters take
/// consecutive slots, one per variant (one when a parameter has none), in
/// declaration order. A parameter is addressed by its service and its
/// position in the service's declaration, so a lookup is two indexed reads.
///
/// # Example
///
/// ```
/// use kmcore::{ParamDef, ParamSchema, RuleBundle, ServiceId, Unit};
/// const PARAMS: &[ParamDef] = &[ParamDef {
///     name: "fee",
///     unit: Unit::Rupees,
///     variants: &[],
///     doc: "The fee.",
/// }];
/// let schema = ParamSchema::new([(ServiceId::LostReport, PARAMS)]);
/// let text = r#"{"format_version": 1, "bundle_version": "t", "title": "t", "parameters": {
///   "lost_report.file": {"fee": {"KP": [
///     {"effective_from": "2024-01-01", "rupees": 0, "source": "s", "basis": "confirmed"}]}}}}"#;
/// let bundle = RuleBundle::parse(&std::sync::Arc::new(schema), "t.json", text).unwrap();
/// assert_eq!(bundle.history(ServiceId::LostReport, "fee", "", kmcore::Jurisdiction::KP).len(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamSchema {
    /// The declared parameters, by `ServiceId::index` (empty when a
    /// service declares none or is not in the schema).
    services: Vec<&'static [ParamDef]>,
}

impl ParamSchema {
    /// A schema from each service's declared parameters. A service given
    /// twice keeps its last declaration.
    ///
    /// # Example
    ///
    /// See [`ParamSchema`].
    ///
    /// ```
    /// let schema = kmcore::ParamSchema::new([]);
    /// assert!(schema.params(kmcore::ServiceId::LostReport).is_empty());
    /// ```
    pub fn new(
        services: impl IntoIterator<Item = (ServiceId, &'static [ParamDef])>,
    ) -> ParamSchema {
        let mut by_index: Vec<&'static [ParamDef]> = vec![&[]; ServiceId::ALL.len()];
        for (id, params) in services {
            if let Some(slot) = by_index.get_mut(id.index()) {
                *slot = params;
            }
        }
        ParamSchema { services: by_index }
    }

    /// The parameters a service declares, in declaration order.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId};
    /// let schema = Catalogue::embedded().unwrap().bundle().schema();
    /// assert!(schema.params(ServiceId::LearnerPermit).iter().any(|p| p.name == "min_age"));
    /// ```
    pub fn params(&self, service: ServiceId) -> &'static [ParamDef] {
        self.services.get(service.index()).copied().unwrap_or(&[])
    }

    /// A service's parameter by name, with its position.
    pub(crate) fn find(
        &self,
        service: ServiceId,
        name: &str,
    ) -> Option<(usize, &'static ParamDef)> {
        self.params(service)
            .iter()
            .enumerate()
            .find(|(_, p)| p.name == name)
    }
}
