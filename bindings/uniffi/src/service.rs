//! Mirrors `kmcore::service`, `kmcore::jurisdiction` and `kmcore::workflow`:
//! service ids, jurisdictions, what each service declares, and workflows.

use std::collections::HashMap;

use crate::error::KmError;
use crate::facts::FactKey;
use crate::mirror_enum;

/// Mirrors the core's service list.
macro_rules! mirror_services {
    ( $( $(#[$doc:meta])* $variant:ident = $text:literal in $family:ident :: $module:ident ),+ $(,)? ) => {
        mirror_enum! {
            /// A service of the catalogue; `code()` is its dotted id
            /// (`driving_licence.learner_permit`).
            pub enum ServiceId mirrors kmcore::ServiceId {
                $( $(#[$doc])* $variant, )+
            }
        }
    };
}

kmcore::for_each_service!(mirror_services);

#[uniffi::export]
impl ServiceId {
    /// The dotted id, such as `driving_licence.learner_permit`.
    pub fn code(&self) -> String {
        kmcore::ServiceId::from(*self).as_str().to_string()
    }

    /// The family, the part before the dot (`driving_licence`).
    pub fn family(&self) -> String {
        kmcore::ServiceId::from(*self).family().to_string()
    }
}

/// The service with a dotted id.
///
/// # Errors
///
/// `InvalidInput` (`service.unknown`) for an id not in the catalogue.
#[uniffi::export]
pub fn service_id_from_code(code: String) -> Result<ServiceId, KmError> {
    Ok(code.parse::<kmcore::ServiceId>()?.into())
}

mirror_enum! {
    /// Where the rules apply.
    pub enum Jurisdiction mirrors kmcore::Jurisdiction {
        /// Punjab.
        PB,
        /// Islamabad Capital Territory.
        ICT,
        /// Sindh.
        SD,
        /// Khyber Pakhtunkhwa.
        KP,
    }
}

#[uniffi::export]
impl Jurisdiction {
    /// The code, `PB`, `ICT`, `SD` or `KP`.
    pub fn code(&self) -> String {
        kmcore::Jurisdiction::from(*self).as_str().to_string()
    }

    /// The English name, such as `Punjab`.
    pub fn display_name(&self) -> String {
        kmcore::Jurisdiction::from(*self).name().to_string()
    }

    /// The Urdu name.
    pub fn display_name_ur(&self) -> String {
        kmcore::Jurisdiction::from(*self).name_ur().to_string()
    }
}

/// The jurisdiction with a code (`PB`, `ICT`, `SD`, `KP`).
///
/// # Errors
///
/// `InvalidInput` (`jurisdiction.unknown`) for any other code.
#[uniffi::export]
pub fn jurisdiction_from_code(code: String) -> Result<Jurisdiction, KmError> {
    Ok(code.parse::<kmcore::Jurisdiction>()?.into())
}

mirror_enum! {
    /// An application (with a workflow) or a check (a question answered once).
    pub enum ServiceKind mirrors kmcore::ServiceKind {
        /// Moves through states as an event log.
        Application,
        /// Answered by one evaluation (deadline, validity).
        Check,
    }
}

mirror_enum! {
    /// The unit of a bundle parameter (the core's `Unit`; renamed because a
    /// Kotlin type named `Unit` would shadow `kotlin.Unit` in the package).
    pub enum ParamUnit mirrors kmcore::Unit {
        /// Whole rupees.
        Rupees,
        /// Years.
        Years,
        /// Months.
        Months,
        /// Calendar days.
        Days,
        /// Working days.
        WorkingDays,
        /// Hours.
        Hours,
        /// Engine displacement.
        Cc,
    }
}

/// A parameter a service reads from the rule bundle.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ParamInfo {
    /// The name, such as `fee` or `min_age`.
    pub name: String,
    /// Its unit.
    pub unit: ParamUnit,
    /// Allowed variant names (categories...); empty when it has none.
    pub variants: Vec<String>,
    /// What it means.
    pub doc: String,
}

/// What the catalogue knows about a service.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ServiceInfo {
    /// The id.
    pub id: ServiceId,
    /// The dotted id, such as `driving_licence.learner_permit`.
    pub code: String,
    /// English title.
    pub title: String,
    /// Urdu title.
    pub title_ur: String,
    /// Application or check.
    pub kind: ServiceKind,
    /// Jurisdictions whose centres offer it.
    pub offered_in: Vec<Jurisdiction>,
    /// The facts it requires, per jurisdiction (every jurisdiction is a key).
    pub required_facts: HashMap<Jurisdiction, Vec<FactKey>>,
    /// Facts that may be given but are not required.
    pub optional_facts: Vec<FactKey>,
    /// Ids of the documents it may ask for, per jurisdiction.
    pub document_ids: HashMap<Jurisdiction, Vec<String>>,
    /// Parameters read from the rule bundle.
    pub params: Vec<ParamInfo>,
    /// Every reason code it can emit.
    pub reasons: Vec<String>,
    /// Its workflow: states and events; null for a check.
    pub workflow: Option<WorkflowInfo>,
}

impl ServiceInfo {
    pub(crate) fn of(catalogue: &kmcore::Catalogue, info: &kmcore::ServiceInfo) -> ServiceInfo {
        let mut required_facts = HashMap::new();
        let mut document_ids = HashMap::new();
        for &j in kmcore::Jurisdiction::ALL {
            required_facts.insert(
                j.into(),
                info.required_facts(j).iter().map(|k| (*k).into()).collect(),
            );
            document_ids.insert(
                j.into(),
                info.document_ids(j)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            );
        }
        ServiceInfo {
            id: info.id.into(),
            code: info.id.as_str().to_string(),
            title: info.title.to_string(),
            title_ur: info.title_ur.to_string(),
            kind: info.kind.into(),
            offered_in: info.offered_in.iter().map(|j| (*j).into()).collect(),
            required_facts,
            optional_facts: info.optional_facts.iter().map(|k| (*k).into()).collect(),
            document_ids,
            params: info
                .params
                .iter()
                .map(|p| ParamInfo {
                    name: p.name.to_string(),
                    unit: p.unit.into(),
                    variants: p.variants.iter().map(|v| (*v).to_string()).collect(),
                    doc: p.doc.to_string(),
                })
                .collect(),
            reasons: info
                .reasons
                .iter()
                .map(|r| r.as_str().to_string())
                .collect(),
            workflow: catalogue.workflow(info.id).map(WorkflowInfo::of),
        }
    }
}

/// What guards an event. Prints as `Unguarded`, `Eligibility` or
/// `Rules(service=...)` (Kotlin `toString()`, Swift `description`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
#[uniffi::export(Display)]
pub enum Guard {
    /// Nothing: the move is allowed whenever the state accepts the event.
    Unguarded,
    /// The service's own eligibility rules (on submission); records the fee.
    Eligibility,
    /// Another service's rules (the test booking's learner wait...).
    Rules {
        /// The service whose rules are checked.
        service: ServiceId,
    },
}

impl From<kmcore::Guard> for Guard {
    fn from(guard: kmcore::Guard) -> Self {
        match guard {
            kmcore::Guard::None => Guard::Unguarded,
            kmcore::Guard::Eligibility => Guard::Eligibility,
            kmcore::Guard::Rules(service) => Guard::Rules {
                service: service.into(),
            },
        }
    }
}

/// A workflow state.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct StateInfo {
    /// The name, such as `fee_paid`.
    pub name: String,
    /// No event leaves it.
    pub terminal: bool,
    /// The office waits on the citizen: the SLA clock is paused.
    pub waits_on_citizen: bool,
    /// The service is delivered: the SLA clock stops.
    pub done: bool,
}

/// A workflow event.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct EventInfo {
    /// The name, such as `pay_fee`.
    pub name: String,
    /// What must hold for it to apply.
    pub guard: Guard,
    /// The fact its own date is recorded as (`issue` stamps `learner_issued_on`).
    pub stamps: Option<FactKey>,
}

/// One allowed move.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Transition {
    /// The state it leaves.
    pub from: String,
    /// The event.
    pub event: String,
    /// The state it enters.
    pub to: String,
}

/// A service's workflow: its states, events and moves.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct WorkflowInfo {
    /// The state a new application is in.
    pub initial: String,
    /// Every state, in declaration order.
    pub states: Vec<StateInfo>,
    /// Every event, in declaration order.
    pub events: Vec<EventInfo>,
    /// Every allowed move.
    pub transitions: Vec<Transition>,
}

impl WorkflowInfo {
    fn of(table: &kmcore::WorkflowTable) -> WorkflowInfo {
        let name = |i: Option<&'static str>| i.unwrap_or("?").to_string();
        WorkflowInfo {
            initial: name(table.state_name(table.initial())),
            states: table
                .states()
                .iter()
                .map(|s| {
                    let kmcore::StateFlags {
                        terminal,
                        waits_on_citizen,
                        done,
                    } = s.flags;
                    StateInfo {
                        name: s.name.to_string(),
                        terminal,
                        waits_on_citizen,
                        done,
                    }
                })
                .collect(),
            events: table
                .events()
                .iter()
                .map(|e| EventInfo {
                    name: e.name.to_string(),
                    guard: e.guard.into(),
                    stamps: e.stamps.map(Into::into),
                })
                .collect(),
            transitions: table
                .transitions()
                .map(|(from, event, to)| Transition {
                    from: name(table.state_name(from)),
                    event: name(table.event_name(event)),
                    to: name(table.state_name(to)),
                })
                .collect(),
        }
    }
}
