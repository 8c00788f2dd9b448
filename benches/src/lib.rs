//! Shared fixtures for the kmcore benchmarks (`benches/rust/*.rs`).
//!
//! Nothing here is timed: it builds requests that every service can
//! evaluate, long application logs, and synthetic columns that mimic what a
//! binding reads from an Arrow table.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use kmcore::{
    Actor, Application, AppliedBy, Catalogue, FactKey, FactType, FactValue, Facts, Jurisdiction,
    LicenceCategory, Purpose, Request, ServiceId,
};

/// The instant every benchmark request is evaluated at.
pub fn as_of() -> DateTime<FixedOffset> {
    instant("2026-03-02T12:00:00+05:00")
}

/// Parses an RFC 3339 instant (fixtures only).
pub fn instant(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap_or_default()
}

/// Parses an ISO date (fixtures only).
pub fn date(s: &str) -> NaiveDate {
    s.parse().unwrap_or_default()
}

/// Facts that set every key of the dictionary to a value that lets an
/// adult with a clean record and every document pass, so that any service
/// (including ones written after these benchmarks) can be evaluated with
/// them. Facts a service does not use are ignored by the library.
///
/// Keys are set by name at run time, so a key added to the dictionary later
/// does not break this crate: it gets a plausible value for its type (a
/// `has_*`/`passed_*` flag true, other flags false, dates 30 days ago,
/// instants 2 hours ago, the first allowed choice).
pub fn every_fact() -> Facts {
    let now = as_of();
    let today = now.date_naive();
    let days_ago = |n: i64| FactValue::Date(today - Duration::days(n));
    let hours_ago = |n: i64| FactValue::Instant(now - Duration::hours(n));
    let text = |s: &str| FactValue::Text(s.to_string());
    let known: Vec<(&str, FactValue)> = vec![
        ("date_of_birth", FactValue::Date(date("1990-01-15"))),
        ("category", text("motor_car")),
        ("learner_issued_on", days_ago(60)),
        ("licence_held_since", FactValue::Date(date("2015-01-01"))),
        ("licence_term_years", FactValue::Integer(5)),
        ("urgent", FactValue::Bool(false)),
        ("failed_test", text("road_test")),
        ("failed_test_on", days_ago(60)),
        ("expires_on", FactValue::Date(today + Duration::days(20))),
        ("engine_cc", FactValue::Integer(70)),
        ("parental_consent", FactValue::Bool(true)),
        ("applicant_abroad", FactValue::Bool(false)),
        ("applied_by", text("self")),
        ("purpose", text("local")),
        ("issued_on", days_ago(30)),
        ("premises", text("residential")),
        ("possession_at", hours_ago(20)),
        ("checked_in_at", hours_ago(3)),
        ("reported_at", hours_ago(2)),
        ("establishment", text("hotel")),
        ("worker_present", FactValue::Bool(true)),
        ("is_citizen", FactValue::Bool(true)),
        ("is_active_taxpayer", FactValue::Bool(true)),
        ("vehicle_kind", text("car")),
        ("plate_scheme", text("pb_universal_2017")),
        ("value", text("LEA-123")),
        ("resides_in_area", FactValue::Bool(true)),
    ];
    let mut facts = Facts::default();
    for (key, value) in known {
        let _ = facts.set(key, value);
    }
    for key in FactKey::ALL {
        if facts.has(*key) {
            continue;
        }
        let name = key.as_str();
        let value = match key.fact_type() {
            FactType::Bool => FactValue::Bool(
                (name.starts_with("has_") && name != "has_criminal_record")
                    || name.starts_with("passed_"),
            ),
            FactType::Integer => FactValue::Integer(1),
            FactType::Date => days_ago(30),
            FactType::Instant => hours_ago(2),
            FactType::Text => text("x"),
            FactType::Choice => match facts.set(name, text("\u{0}")) {
                // The error lists the allowed values: take the first.
                Err(e) => e
                    .message()
                    .split("expected one of ")
                    .nth(1)
                    .and_then(|list| list.split(", ").next())
                    .map_or_else(|| text(""), text),
                Ok(()) => continue,
            },
        };
        let _ = facts.set(name, value);
    }
    facts
}

/// The jurisdiction a service is benchmarked in: Punjab when offered there,
/// otherwise the first jurisdiction that offers it.
pub fn home_jurisdiction(catalogue: &Catalogue, service: ServiceId) -> Option<Jurisdiction> {
    let offered = catalogue.service(service).offered_in;
    if offered.contains(&Jurisdiction::PB) {
        Some(Jurisdiction::PB)
    } else {
        offered.first().copied()
    }
}

/// Whether a service can be benchmarked, and if not why.
#[derive(Clone, Debug)]
pub enum Readiness {
    /// It evaluates; the request to benchmark.
    Ready(Request),
    /// It cannot be benchmarked yet; the note to print.
    Skip(String),
}

/// One request per service with [`every_fact`], or a note saying why the
/// service is skipped (its rules are still a placeholder, or it refuses the
/// fixture's facts).
pub fn readiness(catalogue: &Catalogue, service: ServiceId) -> Readiness {
    let Some(j) = home_jurisdiction(catalogue, service) else {
        return Readiness::Skip(format!(
            "{service}: skipped, offered nowhere yet (rules not written)"
        ));
    };
    let request = Request::at_instant(service, j, as_of(), every_fact());
    match catalogue.evaluate(&request) {
        Ok(_) => Readiness::Ready(request),
        Err(e) if e.code() == "service.not_written" => {
            Readiness::Skip(format!("{service}: skipped, rules not written yet"))
        }
        Err(e) => Readiness::Skip(format!("{service}: skipped, evaluation failed: {e}")),
    }
}

/// Every service that can be benchmarked, printing a note for each that
/// cannot.
pub fn ready_services(catalogue: &Catalogue) -> Vec<(ServiceId, Request)> {
    let mut out = Vec::new();
    for id in ServiceId::ALL {
        match readiness(catalogue, *id) {
            Readiness::Ready(r) => out.push((*id, r)),
            Readiness::Skip(note) => eprintln!("note: {note}"),
        }
    }
    out
}

/// The embedded catalogue (fixtures only: panics if the embedded data were
/// broken, which kmcore's tests rule out).
pub fn catalogue() -> &'static Catalogue {
    match Catalogue::embedded() {
        Ok(c) => c,
        Err(e) => panic!("embedded catalogue: {e}"),
    }
}

/// The facts a character-certificate application in Punjab submits.
pub fn certificate_facts() -> Facts {
    Facts {
        has_valid_cnic: Some(true),
        has_passport: Some(true),
        has_affidavit: Some(true),
        applicant_abroad: Some(false),
        applied_by: Some(AppliedBy::SelfApplicant),
        has_authority_letter: Some(false),
        has_photograph: Some(false),
        ..Facts::default()
    }
}

/// A Punjab character-certificate application with `events` events: submit,
/// pay, start verification, then the request/provide documents cycle (and
/// one last `request_documents` when the count needs it). One second
/// between events.
pub fn certificate_log(catalogue: &Catalogue, id: &str, events: usize) -> Application {
    let mut app = match Application::new(
        catalogue,
        ServiceId::CharacterCertificateIssue,
        Jurisdiction::PB,
        id,
    ) {
        Ok(a) => a,
        Err(e) => panic!("new application: {e}"),
    };
    let start = instant("2026-03-02T09:00:00+05:00");
    for i in 0..events {
        let (name, actor, facts) = match i {
            0 => ("submit", Actor::Citizen, Some(certificate_facts())),
            1 => ("pay_fee", Actor::Citizen, None),
            2 => ("start_verification", Actor::Clerk, None),
            n if n % 2 == 1 => ("request_documents", Actor::Police, None),
            _ => ("provide_documents", Actor::Citizen, None),
        };
        let at = start + Duration::seconds(i as i64);
        if let Err(e) = app.apply(catalogue, name, at, actor, facts) {
            panic!("event {i} `{name}`: {e}");
        }
    }
    app
}

/// Synthetic input columns, as a binding would read them from an Arrow
/// table: one value (or null) per row and column. The mix cycles through
/// the learner permit (four categories, ages 15 to 45), the character
/// certificate (PB, ICT, KP, SD; some documents missing) and employee
/// registration, with 1 row in 1,000 invalid (a required fact is null).
pub struct Columns {
    /// `service` column.
    pub service: Vec<ServiceId>,
    /// `jurisdiction` column.
    pub jurisdiction: Vec<Jurisdiction>,
    /// `as_of` column.
    pub as_of: Vec<NaiveDate>,
    /// `date_of_birth` column.
    pub date_of_birth: Vec<Option<NaiveDate>>,
    /// `category` column.
    pub category: Vec<Option<LicenceCategory>>,
    /// `has_valid_cnic` column.
    pub has_valid_cnic: Vec<Option<bool>>,
    /// `has_passport` column.
    pub has_passport: Vec<Option<bool>>,
    /// `has_affidavit` column.
    pub has_affidavit: Vec<Option<bool>>,
    /// `applicant_abroad` column.
    pub applicant_abroad: Vec<Option<bool>>,
    /// `applied_by` column.
    pub applied_by: Vec<Option<AppliedBy>>,
    /// `has_authority_letter` column.
    pub has_authority_letter: Vec<Option<bool>>,
    /// `has_photograph` column.
    pub has_photograph: Vec<Option<bool>>,
    /// `has_local_address` column.
    pub has_local_address: Vec<Option<bool>>,
    /// `has_residence_proof` column.
    pub has_residence_proof: Vec<Option<bool>>,
    /// `purpose` column.
    pub purpose: Vec<Option<Purpose>>,
    /// `worker_present` column.
    pub worker_present: Vec<Option<bool>>,
}

impl Columns {
    /// `rows` synthetic rows (deterministic).
    pub fn synthetic(rows: usize) -> Columns {
        let mut c = Columns {
            service: Vec::with_capacity(rows),
            jurisdiction: Vec::with_capacity(rows),
            as_of: Vec::with_capacity(rows),
            date_of_birth: Vec::with_capacity(rows),
            category: Vec::with_capacity(rows),
            has_valid_cnic: Vec::with_capacity(rows),
            has_passport: Vec::with_capacity(rows),
            has_affidavit: Vec::with_capacity(rows),
            applicant_abroad: Vec::with_capacity(rows),
            applied_by: Vec::with_capacity(rows),
            has_authority_letter: Vec::with_capacity(rows),
            has_photograph: Vec::with_capacity(rows),
            has_local_address: Vec::with_capacity(rows),
            has_residence_proof: Vec::with_capacity(rows),
            purpose: Vec::with_capacity(rows),
            worker_present: Vec::with_capacity(rows),
        };
        let base = date("2026-03-02");
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..rows {
            // xorshift64: cheap, deterministic variety.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let pick = (x % 8) as usize;
            let (service, j) = match pick {
                0..=3 => (
                    ServiceId::LearnerPermit,
                    Jurisdiction::ALL[(x >> 8) as usize % 4],
                ),
                4 => (ServiceId::CharacterCertificateIssue, Jurisdiction::PB),
                5 => (ServiceId::CharacterCertificateIssue, Jurisdiction::ICT),
                6 => (ServiceId::CharacterCertificateIssue, Jurisdiction::KP),
                _ => (
                    ServiceId::EmployeeRegistration,
                    Jurisdiction::ALL[(x >> 8) as usize % 4],
                ),
            };
            let age_days = 15 * 365 + (x >> 16) as i64 % (30 * 365);
            let flag = |bit: u32| Some((x >> bit) & 7 != 0);
            let invalid = i % 1000 == 999;
            c.service.push(service);
            c.jurisdiction.push(j);
            c.as_of.push(base + Duration::days((x >> 40) as i64 % 365));
            c.date_of_birth
                .push((!invalid).then(|| base - Duration::days(age_days)));
            c.category.push(Some(
                [
                    LicenceCategory::Motorcycle,
                    LicenceCategory::MotorCar,
                    LicenceCategory::Ltv,
                    LicenceCategory::Htv,
                ][(x >> 24) as usize % 4],
            ));
            c.has_valid_cnic.push(if invalid { None } else { flag(30) });
            c.has_passport.push(flag(33));
            c.has_affidavit.push(flag(36));
            c.applicant_abroad.push(Some((x >> 39) & 15 == 0));
            c.applied_by.push(Some(if (x >> 39) & 15 == 0 {
                AppliedBy::BloodRelative
            } else {
                AppliedBy::SelfApplicant
            }));
            c.has_authority_letter.push(flag(43));
            c.has_photograph.push(flag(46));
            c.has_local_address.push(flag(49));
            c.has_residence_proof.push(flag(52));
            c.purpose.push(Some(
                [
                    Purpose::Local,
                    Purpose::Overseas,
                    Purpose::GovernmentEmployee,
                ][(x >> 55) as usize % 3],
            ));
            c.worker_present.push(flag(58));
        }
        c
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.service.len()
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.service.is_empty()
    }

    /// Fills a reused request from row `i`, setting every column (nulls as
    /// `None`), as a binding does.
    pub fn fill(&self, i: usize, r: &mut Request) -> kmcore::Result<()> {
        let (Some(service), Some(j), Some(as_of)) = (
            self.service.get(i),
            self.jurisdiction.get(i),
            self.as_of.get(i),
        ) else {
            return Ok(());
        };
        r.service = *service;
        r.jurisdiction = *j;
        r.as_of = kmcore::AsOf::Date(*as_of);
        let f = &mut r.facts;
        let get = |col: &Vec<Option<bool>>| col.get(i).copied().flatten();
        f.date_of_birth = self.date_of_birth.get(i).copied().flatten();
        f.category = self.category.get(i).copied().flatten();
        f.has_valid_cnic = get(&self.has_valid_cnic);
        f.has_passport = get(&self.has_passport);
        f.has_affidavit = get(&self.has_affidavit);
        f.applicant_abroad = get(&self.applicant_abroad);
        f.applied_by = self.applied_by.get(i).copied().flatten();
        f.has_authority_letter = get(&self.has_authority_letter);
        f.has_photograph = get(&self.has_photograph);
        f.has_local_address = get(&self.has_local_address);
        f.has_residence_proof = get(&self.has_residence_proof);
        f.purpose = self.purpose.get(i).copied().flatten();
        f.worker_present = get(&self.worker_present);
        Ok(())
    }

    /// Row `i` as an owned request (for the slice API and the baselines).
    pub fn request(&self, i: usize) -> Request {
        let mut r = Request::on_date(
            ServiceId::LearnerPermit,
            Jurisdiction::PB,
            date("2026-01-01"),
            Facts::default(),
        );
        let _ = self.fill(i, &mut r);
        r
    }
}
