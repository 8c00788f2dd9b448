//! One module per service: its workflow (states and events as enums), the
//! facts it needs, its bundle parameters, documents, reasons and rules.
//!
//! Services are grouped by family (`driving_licence`, `certificates`,
//! `registration`, `arms`, `other`); a family's shared rules and terms are
//! in its `mod.rs`, so services do not import each other. Each service
//! module is public under `kmcore::services::<service>` for its workflow
//! enums and reason codes.
//!
//! Adding a service is one new module in its family (with its `pub mod`
//! line in the family's `mod.rs`) plus one line in `for_each_service!`
//! (`service.rs`), which re-exports the module here and ties its id to its
//! declaration; then its values in the bundle and its messages in the
//! catalogues (see CONTRIBUTING.md).

use std::sync::{Arc, OnceLock};

use crate::bundle::ParamSchema;
use crate::service::ServiceId;
use crate::workflow::WorkflowTable;

mod availability;
mod def;

#[doc(hidden)]
pub mod arms;
#[doc(hidden)]
pub mod certificates;
#[doc(hidden)]
pub mod driving_licence;
#[doc(hidden)]
pub mod other;
#[doc(hidden)]
pub mod registration;

pub use availability::{Availability, availability};
pub(crate) use def::{DocumentCondition, DocumentDef, ServiceDef, required_facts};

/// The document id other services use to ask for a police loss report
/// (a duplicate licence after a loss, for example).
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, Jurisdiction, ServiceId};
/// use kmcore::services::lost_report::LOST_REPORT_DOCUMENT;
/// let info = Catalogue::embedded().unwrap().service(ServiceId::DuplicateLicence);
/// assert!(info.document_ids(Jurisdiction::PB).contains(&LOST_REPORT_DOCUMENT));
/// ```
#[doc(hidden)]
pub const LOST_REPORT_DOCUMENT: &str = "lost_report";

/// Re-exports each service's module as `services::<module>` and maps each
/// id to the module's declaration, from the core's service list.
macro_rules! service_modules {
    ( $( $(#[$doc:meta])* $variant:ident = $text:literal in $family:ident :: $module:ident, )+ ) => {
        $( pub use $family::$module; )+

        /// The declaration of a service.
        pub(crate) fn def(id: ServiceId) -> &'static ServiceDef {
            match id {
                $( ServiceId::$variant => &$module::DEF, )+
            }
        }
    };
}

crate::for_each_service!(service_modules);

/// The parameter schema every bundle is checked against: each service's
/// declared parameters.
pub(crate) fn schema() -> &'static Arc<ParamSchema> {
    static SCHEMA: OnceLock<Arc<ParamSchema>> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        Arc::new(ParamSchema::new(
            ServiceId::ALL.iter().map(|id| (*id, def(*id).params)),
        ))
    })
}

static TABLES: OnceLock<Vec<Option<WorkflowTable>>> = OnceLock::new();

fn all_tables() -> &'static [Option<WorkflowTable>] {
    TABLES.get_or_init(|| {
        ServiceId::ALL
            .iter()
            .map(|id| def(*id).workflow.map(|build| build()))
            .collect()
    })
}

/// A service's workflow table (built once).
pub(crate) fn table(id: ServiceId) -> Option<&'static WorkflowTable> {
    all_tables().get(id.index()).and_then(Option::as_ref)
}

/// Every workflow table.
pub(crate) fn tables() -> impl Iterator<Item = &'static WorkflowTable> {
    all_tables().iter().flatten()
}

#[cfg(test)]
pub(crate) mod testing;
