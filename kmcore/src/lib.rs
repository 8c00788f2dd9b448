//! # kmcore
//!
//! The services of Pakistan's police service centres (Khidmat Markaz,
//! Sahulat Markaz, facilitation centres) as typed state machines with dated
//! fee and eligibility rules.
//!
//! - Rules are data: fees, ages, waiting periods, validity periods,
//!   deadlines and SLA targets live in a [`RuleBundle`], each value dated and
//!   sourced. The default bundle is embedded; what-if overlays change a copy.
//! - Decisions are explained: [`Catalogue::evaluate`] returns a [`Decision`]
//!   listing every rule checked with a stable [`ReasonCode`], its parameters,
//!   the bundle value used and its source, and messages in English and Urdu.
//! - Applications are event logs: an [`Application`] is an append-only,
//!   hash-chained log; its state is derived by replay under the bundle
//!   version each event recorded.
//!
//! The crate is pure: no I/O beyond parsing what it is given, no clock reads
//! (dates and instants are always arguments), no `unsafe`, no panics.
//!
//! # Example
//!
//! ```
//! use kmcore::{Catalogue, Request, ServiceId, Jurisdiction, Facts, LicenceCategory, Lang};
//!
//! let catalogue = Catalogue::embedded()?;
//! let facts = Facts {
//!     category: Some(LicenceCategory::Motorcycle),
//!     date_of_birth: Some("2008-02-29".parse()?),
//!     has_valid_cnic: Some(true),
//!     ..Facts::default()
//! };
//! let request = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse()?, facts);
//! let decision = catalogue.evaluate(&request)?;
//! assert!(decision.eligible());
//! assert_eq!(decision.fee_due().map(|m| m.to_string()), Some("Rs 500".to_string()));
//! for check in decision.checks() {
//!     println!("{} {}", check.code(), catalogue.message(check, Lang::Ur));
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]
#![warn(missing_docs)]

// The modules in layers: each may use only the layers above it in this
// list (DESIGN.md, "Layers").
//
// 1. Basic types.
pub mod calendar;
mod digest;
mod error;
mod facts;
mod format;
mod identifier;
mod jurisdiction;
mod limits;
mod money;
mod named;
mod reason;
mod service;
mod workflow;
// 2. Rule bundles, checked against a parameter schema.
mod bundle;
// 3. Decisions (output types only).
mod decision;
// 4. The rules context: evaluation, typed parameters, shared rules.
mod rules;
// 5. The services.
pub mod services;
// 6. The catalogue: bundles, services and messages together.
mod catalogue;
// 7. Applications (with their SLA clocks) and batches.
mod application;
pub mod batch;

pub use application::{
    Actor, Application, ApplicationLog, Digest32, EventRecord, LOG_FORMAT_VERSION, Seal,
    Signature64, log_schema_json, seal_public_key,
};
pub use application::{ClockState, SlaStatus};
pub use batch::{BatchOptions, BatchOutcome, RowOutcome};
#[doc(hidden)]
pub use bundle::EMBEDDED_BUNDLE_FILES;
pub use bundle::{
    Basis, ConflictingValue, DatedValue, District, DistrictStatus, FORMAT_VERSION, Holiday,
    JurisdictionCalendar, MAX_AMOUNT, ParamDef, ParamSchema, RuleBundle, Unit, bundle_schema_json,
};
#[doc(hidden)]
pub use bundle::{BundleFile, EntryFile};
pub use catalogue::{Catalogue, DocumentItem, ServiceInfo};
pub use decision::{
    AsOf, Check, Deadline, Decision, FeeLine, FeeLineKind, FeeQuote, FeeStatus, Outcome, Request,
};
pub use error::{ErrorKind, KmError, Result, excerpt};
pub use facts::Channel;
pub use facts::{
    AppliedBy, Establishment, FactKey, FactType, FactValue, Facts, LicenceCategory, Premises,
    Purpose, RegisteredBy, TestKind,
};
pub use identifier::{
    Cnic, CnicRegion, Gender, MobileNumber, MobileOperator, PlateScheme, VehicleKind,
    VehicleRegistration,
};
pub use jurisdiction::Jurisdiction;
pub use limits::Limits;
pub use money::Money;
pub use reason::{Lang, Param, ParamValue, ReasonCode};
pub use service::{ServiceId, ServiceKind};
pub use workflow::{EventInfo, Guard, StateFlags, StateInfo, Workflow, WorkflowTable};
