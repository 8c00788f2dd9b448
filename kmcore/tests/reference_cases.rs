//! Runs every reference case (`*.json` under the cases directory) through
//! the public API, following the cases' FACTS.md rules exactly.
//!
//! The directory is `../shared/reference/cases` beside the project root, or
//! the one named by `KMCORE_CASES_DIR`. Unknown services, jurisdictions,
//! fact keys, fact values or expect keys fail the case loudly. Uncertain
//! cases run too and are counted apart; only a failed confirmed case fails
//! the test.

use std::collections::HashSet;
use std::path::PathBuf;

use kmcore::{
    AsOf, Catalogue, Cnic, Deadline, FactValue, Facts, Jurisdiction, MobileNumber, Outcome,
    Request, ServiceId, VehicleRegistration,
};
use serde_json::Value;

const CASE_KEYS: &[&str] = &[
    "id",
    "service",
    "jurisdiction",
    "as_of",
    "facts",
    "expect",
    "basis",
    "source",
    "note",
];
const EXPECT_KEYS: &[&str] = &[
    "eligible",
    "eligible_from",
    "fee_pkr",
    "deadline",
    "gender",
    "normalized",
];

/// The services of the cases' vocabulary (FACTS.md §4). The library knows
/// more services; a case naming one outside this list fails.
const VOCABULARY: &[&str] = &[
    "driving_licence.learner_permit",
    "driving_licence.test_booking",
    "driving_licence.retest",
    "driving_licence.permanent",
    "driving_licence.renewal",
    "driving_licence.duplicate",
    "driving_licence.international_permit",
    "driving_licence.juvenile_motorcycle_permit",
    "character_certificate.issue",
    "character_certificate.validity",
    "police_verification.general",
    "tenant_registration.register",
    "tenant_registration.deadline",
    "guest_registration.deadline",
    "employee_registration.verify",
    "arms_licence.new",
    "arms_licence.renewal",
    "arms_licence.duplicate",
    "lost_report.file",
    "vehicle_verification.verify",
    "foreigner_registration.register",
    "identifier.cnic",
    "identifier.mobile",
    "identifier.vehicle_registration",
];

/// The facts dictionary of the cases (FACTS.md §5). The library's
/// dictionary has a few more keys; a case using one of them fails.
const DICTIONARY: &[&str] = &[
    "date_of_birth",
    "category",
    "has_valid_cnic",
    "learner_issued_on",
    "passed_sign_test",
    "passed_road_test",
    "licence_held_since",
    "licence_term_years",
    "urgent",
    "has_medical_fitness_certificate",
    "failed_test",
    "failed_test_on",
    "expires_on",
    "has_valid_national_licence",
    "has_valid_visa",
    "engine_cc",
    "parental_consent",
    "has_passport",
    "has_affidavit",
    "applicant_abroad",
    "applied_by",
    "has_authority_letter",
    "has_photograph",
    "has_local_address",
    "has_residence_proof",
    "purpose",
    "issued_on",
    "premises",
    "has_rent_agreement",
    "possession_at",
    "checked_in_at",
    "reported_at",
    "establishment",
    "worker_present",
    "is_citizen",
    "has_domicile",
    "is_active_taxpayer",
    "has_criminal_record",
    "is_fugitive",
    "is_proscribed_member",
    "is_infirm",
    "vehicle_kind",
    "plate_scheme",
    "value",
];

fn cases_dir() -> PathBuf {
    match std::env::var_os("KMCORE_CASES_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference/cases"),
    }
}

/// What the library answered, in the cases' terms.
#[derive(Debug, Default)]
struct Answer {
    /// `Some(true)` eligible, `Some(false)` refused, `None` undetermined.
    eligible: Option<bool>,
    eligible_from: Option<chrono::NaiveDate>,
    fee_pkr: Option<i64>,
    deadline: Option<Deadline>,
    gender: Option<String>,
    normalized: Option<String>,
}

fn facts_of(service: &str, j: Option<Jurisdiction>, raw: &Value) -> Result<Facts, String> {
    let object = raw.as_object().ok_or("`facts` is not an object")?;
    let mut facts = Facts::default();
    for (key, value) in object {
        if !DICTIONARY.contains(&key.as_str()) {
            return Err(format!("fact `{key}` is not in the facts dictionary"));
        }
        let fact = match value {
            Value::Bool(b) => FactValue::Bool(*b),
            Value::Number(n) => FactValue::Integer(n.as_i64().ok_or("fact is not an integer")?),
            Value::String(s) => FactValue::Text(s.clone()),
            other => return Err(format!("fact `{key}` has an unsupported value {other}")),
        };
        facts.set(key, fact).map_err(|e| e.to_string())?;
    }
    // Only the keys the vocabulary lists for the service may appear: the
    // facts it requires, and those it takes in some cases only (such as the
    // date a licence was first held, for ICT's HTV and PSV).
    if let (Ok(id), Some(j)) = (service.parse::<ServiceId>(), j) {
        let info = Catalogue::embedded()
            .map_err(|e| e.to_string())?
            .service(id);
        let required = info.required_facts(j);
        for key in facts.keys() {
            if !required.contains(&key) && !info.optional_facts.contains(&key) {
                return Err(format!("fact `{key}` is not listed for {service} in {j}"));
            }
        }
        for key in required {
            if !facts.has(*key) {
                return Err(format!("required fact `{key}` is missing"));
            }
        }
    }
    Ok(facts)
}

fn run_identifier(service: &str, facts: &Facts) -> Result<Answer, String> {
    let value = facts
        .value
        .as_deref()
        .ok_or("required fact `value` is missing")?;
    let extra: Vec<_> = facts
        .keys()
        .filter(|k| {
            !matches!(
                (service, k.as_str()),
                (_, "value")
                    | ("identifier.vehicle_registration", "plate_scheme")
                    | ("identifier.vehicle_registration", "vehicle_kind")
            )
        })
        .collect();
    if !extra.is_empty() {
        return Err(format!("facts {extra:?} are not listed for {service}"));
    }
    let mut answer = Answer {
        eligible: Some(false),
        ..Answer::default()
    };
    match service {
        "identifier.cnic" => {
            if let Ok(cnic) = Cnic::parse(value) {
                answer.eligible = Some(true);
                answer.gender = Some(cnic.gender().as_str().to_string());
                answer.normalized = Some(cnic.normalized());
            }
        }
        "identifier.mobile" => {
            if let Ok(m) = MobileNumber::parse(value) {
                answer.eligible = Some(true);
                answer.normalized = Some(m.normalized());
            }
        }
        "identifier.vehicle_registration" => {
            let scheme = facts
                .plate_scheme
                .ok_or("required fact `plate_scheme` is missing")?;
            let kind = facts
                .vehicle_kind
                .ok_or("required fact `vehicle_kind` is missing")?;
            if let Ok(plate) = VehicleRegistration::parse(value, scheme, kind) {
                answer.eligible = Some(true);
                answer.normalized = Some(plate.normalized());
            }
        }
        other => return Err(format!("unknown service `{other}`")),
    }
    Ok(answer)
}

fn run_case(case: &Value) -> Result<(), String> {
    let object = case.as_object().ok_or("case is not an object")?;
    for key in object.keys() {
        if !CASE_KEYS.contains(&key.as_str()) {
            return Err(format!("unknown case key `{key}`"));
        }
    }
    let expect = object
        .get("expect")
        .and_then(Value::as_object)
        .ok_or("`expect` missing")?;
    for key in expect.keys() {
        if !EXPECT_KEYS.contains(&key.as_str()) {
            return Err(format!("unknown expect key `{key}`"));
        }
    }
    let service = object
        .get("service")
        .and_then(Value::as_str)
        .ok_or("`service` missing")?;
    if !VOCABULARY.contains(&service) {
        return Err(format!("unknown service `{service}`"));
    }
    let jurisdiction = match object.get("jurisdiction") {
        Some(Value::String(s)) => Some(s.parse::<Jurisdiction>().map_err(|e| e.to_string())?),
        Some(Value::Null) => None,
        _ => return Err("`jurisdiction` missing".into()),
    };
    let as_of: AsOf = object
        .get("as_of")
        .and_then(Value::as_str)
        .ok_or("`as_of` missing")?
        .parse()
        .map_err(|e: kmcore::KmError| e.to_string())?;
    let facts = facts_of(
        service,
        jurisdiction,
        object.get("facts").ok_or("`facts` missing")?,
    )?;

    let answer = if service.starts_with("identifier.") {
        if jurisdiction.is_some() {
            return Err("identifier cases take a null jurisdiction".into());
        }
        run_identifier(service, &facts)?
    } else {
        let id: ServiceId = service
            .parse()
            .map_err(|e: kmcore::KmError| e.to_string())?;
        let j = jurisdiction.ok_or("jurisdiction is null for a service case")?;
        let catalogue = Catalogue::embedded().map_err(|e| e.to_string())?;
        let request = Request {
            service: id,
            jurisdiction: j,
            as_of,
            facts,
        };
        let decision = catalogue.evaluate(&request).map_err(|e| e.to_string())?;
        Answer {
            eligible: match decision.outcome() {
                Outcome::Eligible => Some(true),
                Outcome::Refused => Some(false),
                Outcome::Undetermined => None,
            },
            eligible_from: decision.eligible_from(),
            fee_pkr: decision
                .fee_due()
                .map(|m| m.whole_rupees().ok_or("fee is not whole rupees"))
                .transpose()?,
            deadline: decision.deadline(),
            ..Answer::default()
        }
    };

    let mut wrong = Vec::new();
    let want_eligible = match expect.get("eligible") {
        Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => return Err("`expect.eligible` is not a bool or null".into()),
        None => return Err("`expect.eligible` missing".into()),
    };
    if answer.eligible != want_eligible {
        wrong.push(format!(
            "eligible: got {:?}, want {want_eligible:?} (None: undetermined)",
            answer.eligible
        ));
    }
    if let Some(want) = expect.get("eligible_from") {
        let want = want
            .as_str()
            .ok_or("`expect.eligible_from` is not a string")?;
        if answer.eligible_from.map(|d| d.to_string()).as_deref() != Some(want) {
            wrong.push(format!(
                "eligible_from: got {:?}, want {want}",
                answer.eligible_from
            ));
        }
    }
    let want_fee = match expect.get("fee_pkr") {
        Some(Value::Null) => None,
        Some(v) => Some(v.as_i64().ok_or("`expect.fee_pkr` is not an integer")?),
        None => return Err("`expect.fee_pkr` missing".into()),
    };
    if answer.fee_pkr != want_fee {
        wrong.push(format!(
            "fee_pkr: got {:?}, want {want_fee:?}",
            answer.fee_pkr
        ));
    }
    if let Some(want) = expect.get("deadline") {
        let want = want.as_str().ok_or("`expect.deadline` is not a string")?;
        let want: AsOf = want.parse().map_err(|e: kmcore::KmError| e.to_string())?;
        let same = match (answer.deadline, want) {
            (Some(Deadline::Date(a)), AsOf::Date(b)) => a == b,
            (Some(Deadline::Instant(a)), AsOf::Instant(b)) => a == b && a.offset() == b.offset(),
            _ => false,
        };
        if !same {
            wrong.push(format!(
                "deadline: got {:?}, want {want:?}",
                answer.deadline
            ));
        }
    }
    for (key, got) in [
        ("gender", &answer.gender),
        ("normalized", &answer.normalized),
    ] {
        if let Some(want) = expect.get(key) {
            if got.as_deref() != want.as_str() {
                wrong.push(format!("{key}: got {got:?}, want {want}"));
            }
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join("; "))
    }
}

#[test]
fn every_reference_case() {
    let dir = cases_dir();
    // The cases beside FACTS.md and those of `next/` (undetermined
    // answers, come-back dates, instants in other offsets) are one set.
    let mut files: Vec<PathBuf> = [dir.clone(), dir.join("next")]
        .iter()
        .filter(|d| d.is_dir())
        .flat_map(|d| {
            std::fs::read_dir(d)
                .unwrap_or_else(|e| panic!("cannot read cases directory {}: {e}", d.display()))
                .filter_map(|entry| entry.ok().map(|e| e.path()))
        })
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no case files in {}", dir.display());

    let mut ids = HashSet::new();
    let (mut passed, mut failed) = (0, 0);
    let (mut uncertain_passed, mut uncertain_failed) = (0, 0);
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read case file");
        let cases: Vec<Value> = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not a JSON array of cases: {e}", file.display()));
        for case in &cases {
            let id = case
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_string();
            let basis = case.get("basis").and_then(Value::as_str).unwrap_or("?");
            let mut result = run_case(case);
            if !ids.insert(id.clone()) {
                result = Err("duplicate id".into());
            }
            if !matches!(basis, "confirmed" | "uncertain") {
                result = Err(format!("unknown basis `{basis}`"));
            }
            match (basis, result) {
                ("uncertain", Ok(())) => uncertain_passed += 1,
                ("uncertain", Err(why)) => {
                    uncertain_failed += 1;
                    println!("uncertain case differs: {id}: {why}");
                }
                (_, Ok(())) => passed += 1,
                (_, Err(why)) => {
                    failed += 1;
                    failures.push(format!("{id}: {why}"));
                }
            }
        }
    }
    for f in &failures {
        println!("FAILED {f}");
    }
    println!(
        "reference cases: {passed} passed, {failed} failed (uncertain: {uncertain_passed} agree, {uncertain_failed} differ)"
    );
    assert!(
        failures.is_empty(),
        "{} confirmed case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
