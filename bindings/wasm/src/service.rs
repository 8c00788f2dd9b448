//! Mirrors `kmcore::service`, `kmcore::jurisdiction`, `kmcore::workflow` and
//! the listings of `kmcore::catalogue`: services, jurisdictions, the form of
//! a service, its documents checklist and its workflow.

use std::collections::BTreeMap;

use kmcore::Catalogue;
use serde::Serialize;
use tsify::Tsify;

use crate::error::KmError;
use crate::facts::{FactSpec, spec};
use crate::mirror_enum;

mirror_enum! {
    /// A service of the catalogue, by its dotted id.
    pub enum ServiceId mirrors kmcore::ServiceId {
        /// Issue a learner permit.
        LearnerPermit = "driving_licence.learner_permit",
        /// May the driving test be taken.
        TestBooking = "driving_licence.test_booking",
        /// May a failed test be retaken.
        Retest = "driving_licence.retest",
        /// Issue a licence after the learner period and tests.
        PermanentLicence = "driving_licence.permanent",
        /// Renew a licence.
        LicenceRenewal = "driving_licence.renewal",
        /// Duplicate licence.
        DuplicateLicence = "driving_licence.duplicate",
        /// International driving permit.
        InternationalPermit = "driving_licence.international_permit",
        /// Punjab restricted motorcycle permit for ages 16-18.
        JuvenileMotorcyclePermit = "driving_licence.juvenile_motorcycle_permit",
        /// Character (police clearance) certificate.
        CharacterCertificateIssue = "character_certificate.issue",
        /// Is a character certificate still valid.
        CharacterCertificateValidity = "character_certificate.validity",
        /// General police verification.
        PoliceVerification = "police_verification.general",
        /// Register a tenant.
        TenantRegistration = "tenant_registration.register",
        /// Was a tenant reported in time.
        TenantDeadline = "tenant_registration.deadline",
        /// Was a guest reported in time.
        GuestDeadline = "guest_registration.deadline",
        /// Domestic or private employee verification.
        EmployeeRegistration = "employee_registration.verify",
        /// New arms licence.
        ArmsLicenceNew = "arms_licence.new",
        /// Renew an arms licence.
        ArmsLicenceRenewal = "arms_licence.renewal",
        /// Duplicate arms licence.
        ArmsLicenceDuplicate = "arms_licence.duplicate",
        /// Lost document or article report.
        LostReport = "lost_report.file",
        /// Police verification of a vehicle.
        VehicleVerification = "vehicle_verification.verify",
        /// Register a foreign national.
        ForeignerRegistration = "foreigner_registration.register",
        /// Community policing enrolment.
        CommunityPolicing = "community_policing.enrol",
        /// Copy of an FIR.
        FirCopy = "fir_copy.request",
        /// Report a crime.
        CrimeReport = "crime_report.file",
        /// No-objection certificate for a driving licence.
        LicenceNoc = "driving_licence.noc",
        /// Renewal of a learner permit.
        LearnerRenewal = "driving_licence.learner_renewal",
        /// Duplicate of a learner permit.
        LearnerDuplicate = "driving_licence.learner_duplicate",
        /// All-Pakistan extension of an arms licence.
        ArmsAllPakistan = "arms_licence.all_pakistan",
        /// Restoration of a suspended driving licence.
        LicenceRestoration = "driving_licence.restoration",
    }
}

mirror_enum! {
    /// Where the rules apply.
    pub enum Jurisdiction mirrors kmcore::Jurisdiction {
        /// Punjab.
        PB = "PB",
        /// Islamabad Capital Territory.
        ICT = "ICT",
        /// Sindh.
        SD = "SD",
        /// Khyber Pakhtunkhwa.
        KP = "KP",
    }
}

mirror_enum! {
    /// An application (with a workflow) or a check (answered once).
    pub enum ServiceKind mirrors kmcore::ServiceKind {
        /// Moves through states as an event log.
        Application = "application",
        /// A question answered on the spot (a deadline, a validity, a wait).
        Check = "check",
    }
}

mirror_enum! {
    /// The unit of a bundle value.
    pub enum Unit mirrors kmcore::Unit {
        /// Whole rupees (amounts cross as paisa).
        Rupees = "rupees",
        /// Years.
        Years = "years",
        /// Months.
        Months = "months",
        /// Calendar days.
        Days = "days",
        /// Working days.
        WorkingDays = "working_days",
        /// Hours.
        Hours = "hours",
        /// Engine displacement in cc.
        Cc = "cc",
    }
}

/// The service with a dotted id.
///
/// # Errors
///
/// `invalid_input` (`service.unknown`) for an id not in the catalogue.
pub fn parse_service(code: &str) -> Result<kmcore::ServiceId, KmError> {
    Ok(code.parse::<kmcore::ServiceId>()?)
}

/// The jurisdiction with a code (`PB`, `ICT`, `SD`, `KP`).
///
/// # Errors
///
/// `invalid_input` (`jurisdiction.unknown`) for any other code.
pub fn parse_jurisdiction(code: &str) -> Result<kmcore::Jurisdiction, KmError> {
    Ok(code.parse::<kmcore::Jurisdiction>()?)
}

/// A jurisdiction with its names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct JurisdictionInfo {
    /// The code.
    pub code: Jurisdiction,
    /// English name.
    pub name: String,
    /// Urdu name.
    pub name_ur: String,
}

/// Every jurisdiction, in the core's order.
pub fn jurisdictions() -> Vec<JurisdictionInfo> {
    kmcore::Jurisdiction::ALL
        .iter()
        .map(|j| JurisdictionInfo {
            code: (*j).into(),
            name: j.name().to_string(),
            name_ur: j.name_ur().to_string(),
        })
        .collect()
}

/// A parameter a service reads from the rule bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ParamInfo {
    /// The name, such as `fee` or `min_age`.
    pub name: String,
    /// Its unit.
    pub unit: Unit,
    /// Allowed variant names (categories...); empty when it has none.
    pub variants: Vec<String>,
    /// What it means.
    pub doc: String,
}

/// What the catalogue knows about a service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ServiceInfo {
    /// The dotted id.
    pub id: ServiceId,
    /// The family, the part before the dot (`driving_licence`).
    pub family: String,
    /// English title.
    pub title: String,
    /// Urdu title.
    pub title_ur: String,
    /// Application or check.
    pub kind: ServiceKind,
    /// Jurisdictions whose centres offer it.
    pub offered_in: Vec<Jurisdiction>,
    /// The facts it requires, per jurisdiction (every jurisdiction is a key).
    #[tsify(type = "Record<Jurisdiction, string[]>")]
    pub required_facts: BTreeMap<String, Vec<String>>,
    /// Facts that may be given but are not required.
    pub optional_facts: Vec<String>,
    /// Ids of the documents it may ask for, per jurisdiction.
    #[tsify(type = "Record<Jurisdiction, string[]>")]
    pub document_ids: BTreeMap<String, Vec<String>>,
    /// Parameters read from the rule bundle.
    pub params: Vec<ParamInfo>,
    /// Every reason code it can emit.
    pub reasons: Vec<String>,
}

impl ServiceInfo {
    /// Mirrors the core's `ServiceInfo`.
    pub fn of(info: &kmcore::ServiceInfo) -> ServiceInfo {
        let kmcore::ServiceInfo {
            id,
            title,
            title_ur,
            kind,
            offered_in,
            optional_facts,
            params,
            reasons,
            ..
        } = *info;
        let per_jurisdiction = |f: &dyn Fn(kmcore::Jurisdiction) -> Vec<String>| {
            kmcore::Jurisdiction::ALL
                .iter()
                .map(|j| (j.code().to_string(), f(*j)))
                .collect()
        };
        ServiceInfo {
            id: id.into(),
            family: id.family().to_string(),
            title: title.to_string(),
            title_ur: title_ur.to_string(),
            kind: kind.into(),
            offered_in: offered_in.iter().map(|j| (*j).into()).collect(),
            required_facts: per_jurisdiction(&|j| {
                info.required_facts(j)
                    .iter()
                    .map(|k| k.as_str().to_string())
                    .collect()
            }),
            optional_facts: optional_facts
                .iter()
                .map(|k| k.as_str().to_string())
                .collect(),
            document_ids: per_jurisdiction(&|j| {
                info.document_ids(j)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            }),
            params: params
                .iter()
                .map(|p| {
                    let kmcore::ParamDef {
                        name,
                        unit,
                        variants,
                        doc,
                    } = *p;
                    ParamInfo {
                        name: name.to_string(),
                        unit: unit.into(),
                        variants: variants.iter().map(|v| v.to_string()).collect(),
                        doc: doc.to_string(),
                    }
                })
                .collect(),
            reasons: reasons.iter().map(|r| r.as_str().to_string()).collect(),
        }
    }
}

/// Every service of the catalogue, in the core's order.
pub fn services(catalogue: &Catalogue) -> Vec<ServiceInfo> {
    catalogue.services().map(|s| ServiceInfo::of(&s)).collect()
}

/// The form of a service in a jurisdiction: its required facts, then the
/// facts it takes in some cases only, each with its type and allowed values.
pub fn form(
    catalogue: &Catalogue,
    service: kmcore::ServiceId,
    jurisdiction: kmcore::Jurisdiction,
) -> Vec<FactSpec> {
    let info = catalogue.service(service);
    let required = info.required_facts(jurisdiction);
    required
        .iter()
        .map(|k| spec(catalogue, *k, true))
        .chain(
            info.optional_facts
                .iter()
                .filter(|k| !required.contains(k))
                .map(|k| spec(catalogue, *k, false)),
        )
        .collect()
}

/// One line of a documents checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
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
    /// True when it is required and the facts say it is missing.
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

/// What must hold before a workflow event is accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Guard {
    /// Nothing beyond the workflow's shape.
    None,
    /// The service's own eligibility rules.
    Eligibility,
    /// Another service's rules (such as the test-booking wait).
    Rules {
        /// The service whose rules guard the event.
        service: ServiceId,
    },
}

impl From<kmcore::Guard> for Guard {
    fn from(guard: kmcore::Guard) -> Self {
        match guard {
            kmcore::Guard::None => Guard::None,
            kmcore::Guard::Eligibility => Guard::Eligibility,
            kmcore::Guard::Rules(service) => Guard::Rules {
                service: service.into(),
            },
        }
    }
}

/// One state of a workflow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct StateInfo {
    /// The state's name, such as `submitted`.
    pub name: String,
    /// No event leaves this state.
    pub terminal: bool,
    /// The office waits for the citizen (the SLA clock is paused).
    pub waits_on_citizen: bool,
    /// The service has been delivered.
    pub done: bool,
    /// The events accepted in this state: the next steps.
    pub next: Vec<String>,
}

/// One event of a workflow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EventInfo {
    /// The event's name, such as `submit`.
    pub name: String,
    /// What must hold before it is accepted.
    pub guard: Guard,
    /// A date fact the event records, such as `learner_issued_on`.
    pub stamps: Option<String>,
}

/// One allowed move of a workflow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Transition {
    /// The state it leaves.
    pub from: String,
    /// The event.
    pub event: String,
    /// The state it enters.
    pub to: String,
}

/// A service's workflow: its states, events and moves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowInfo {
    /// The service.
    pub service: ServiceId,
    /// The state a new application starts in.
    pub initial: String,
    /// Every state.
    pub states: Vec<StateInfo>,
    /// Every event.
    pub events: Vec<EventInfo>,
    /// Every allowed move.
    pub transitions: Vec<Transition>,
    /// The workflow as a Mermaid state diagram.
    pub mermaid: String,
}

impl From<&kmcore::WorkflowTable> for WorkflowInfo {
    fn from(table: &kmcore::WorkflowTable) -> Self {
        let state = |i: usize| table.state_name(i).unwrap_or_default().to_string();
        let event = |i: usize| table.event_name(i).unwrap_or_default().to_string();
        WorkflowInfo {
            service: table.service().into(),
            initial: state(table.initial()),
            states: table
                .states()
                .iter()
                .enumerate()
                .map(|(i, s)| {
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
                        next: table.allowed(i).map(event).collect(),
                    }
                })
                .collect(),
            events: table
                .events()
                .iter()
                .map(|e| EventInfo {
                    name: e.name.to_string(),
                    guard: e.guard.into(),
                    stamps: e.stamps.map(|k| k.as_str().to_string()),
                })
                .collect(),
            transitions: table
                .transitions()
                .map(|(from, ev, to)| Transition {
                    from: state(from),
                    event: event(ev),
                    to: state(to),
                })
                .collect(),
            mermaid: table.to_mermaid(),
        }
    }
}

/// The workflow of a service; `None` for a check.
pub fn workflow(catalogue: &Catalogue, service: kmcore::ServiceId) -> Option<WorkflowInfo> {
    catalogue.workflow(service).map(Into::into)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_names_are_the_core_names() {
        for id in ServiceId::ALL {
            assert_eq!(kmcore::ServiceId::from(*id).as_str(), id.as_str());
        }
        assert_eq!(ServiceId::ALL.len(), kmcore::ServiceId::ALL.len());
        for j in Jurisdiction::ALL {
            assert_eq!(kmcore::Jurisdiction::from(*j).code(), j.as_str());
        }
        for u in Unit::ALL {
            assert_eq!(kmcore::Unit::from(*u).as_str(), u.as_str());
        }
    }

    #[test]
    fn form_lists_required_then_optional_facts() {
        let cat = Catalogue::embedded().unwrap();
        let fields = form(
            cat,
            kmcore::ServiceId::PermanentLicence,
            kmcore::Jurisdiction::ICT,
        );
        let required: Vec<_> = fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.key.as_str())
            .collect();
        assert!(required.contains(&"urgent"));
        let category = fields.iter().find(|f| f.key == "category").unwrap();
        assert!(
            category
                .allowed
                .iter()
                .any(|c| c.value == "ltv" && c.label_ur != "ltv")
        );
        assert!(
            fields
                .iter()
                .any(|f| !f.required && f.key == "licence_held_since")
        );
    }

    #[test]
    fn workflows_list_next_steps() {
        let cat = Catalogue::embedded().unwrap();
        let wf = workflow(cat, kmcore::ServiceId::LearnerPermit).unwrap();
        assert_eq!(wf.initial, "draft");
        let draft = wf.states.iter().find(|s| s.name == "draft").unwrap();
        assert!(draft.next.contains(&"submit".to_string()));
        assert!(workflow(cat, kmcore::ServiceId::TestBooking).is_none());
    }
}
