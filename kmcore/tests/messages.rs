//! Every reason code has English and Urdu texts, and numbers and dates in
//! Urdu messages are isolated so they read left to right inside Urdu text.

use kmcore::{
    Catalogue, Facts, Jurisdiction, Lang, LicenceCategory, ReasonCode, Request, ServiceId,
};

#[test]
fn every_reason_code_has_english_and_urdu_texts() {
    let cat = Catalogue::embedded().unwrap();
    let mut missing = Vec::new();
    let common = [
        ReasonCode::AGE_MINIMUM,
        ReasonCode::AGE_BELOW_LIMIT,
        ReasonCode::DOCUMENT_REQUIRED,
        ReasonCode::SERVICE_OFFERED,
        ReasonCode::SERVICE_STARTED,
        ReasonCode::FEE_NOT_KNOWN,
        ReasonCode::RULE_NOT_KNOWN,
    ];
    let codes = cat
        .services()
        .flat_map(|s| s.reasons.iter().copied())
        .chain(common);
    for code in codes {
        for lang in Lang::ALL {
            if !cat.has_message(code, lang) {
                missing.push(format!("{code} ({})", lang.code()));
            }
        }
    }
    assert!(missing.is_empty(), "codes without a message: {missing:?}");
}

#[test]
fn urdu_messages_isolate_numbers_and_dates() {
    let cat = Catalogue::embedded().unwrap();
    let facts = Facts {
        category: Some(LicenceCategory::Ltv),
        date_of_birth: Some("2004-05-21".parse().unwrap()),
        has_valid_cnic: Some(true),
        ..Facts::default()
    };
    let request = Request::on_date(
        ServiceId::LearnerPermit,
        Jurisdiction::ICT,
        "2025-05-20".parse().unwrap(),
        facts,
    );
    let decision = cat.evaluate(&request).unwrap();
    let age = decision
        .checks()
        .iter()
        .find(|c| c.code() == ReasonCode::AGE_MINIMUM)
        .unwrap();
    assert!(!age.passed());
    let ur = cat.message(age, Lang::Ur);
    // 21 and the applicant's 20 years 11 months 29 days, each wrapped in LRI ... PDI.
    assert!(ur.contains("\u{2066}21\u{2069}"), "{ur}");
    assert!(ur.contains("\u{2066}20\u{2069}"), "{ur}");
    assert_eq!(
        ur.matches('\u{2066}').count(),
        ur.matches('\u{2069}').count()
    );
    let en = cat.message(age, Lang::En);
    assert!(en.contains("21 years"), "{en}");
    assert!(
        en.contains("20 years, 11 months and 30 days")
            || en.contains("20 years, 11 months and 29 days"),
        "{en}"
    );
    assert!(!en.contains('\u{2066}'));
}

#[test]
fn every_emitted_code_is_declared_by_its_service() {
    // Evaluate each service on empty-ish facts in each jurisdiction and
    // check the codes it emits are the ones it declares.
    let cat = Catalogue::embedded().unwrap();
    for info in cat.services() {
        for j in info.offered_in {
            let mut facts = Facts::default();
            for key in info.required_facts(*j) {
                let value = match key.fact_type() {
                    kmcore::FactType::Bool => kmcore::FactValue::Bool(false),
                    kmcore::FactType::Integer => kmcore::FactValue::Integer(1),
                    kmcore::FactType::Date => kmcore::FactValue::Text("2000-01-01".into()),
                    kmcore::FactType::Instant => {
                        kmcore::FactValue::Text("2025-01-01T10:00:00+05:00".into())
                    }
                    kmcore::FactType::Choice | kmcore::FactType::Text => continue,
                };
                facts.set(key.as_str(), value).unwrap();
            }
            let request = Request::on_date(info.id, *j, "2025-06-01".parse().unwrap(), facts);
            if let Ok(decision) = cat.evaluate(&request) {
                for check in decision.checks() {
                    assert!(
                        info.reasons.contains(&check.code())
                            || check.code() == ReasonCode::SERVICE_OFFERED,
                        "{} emits undeclared code {}",
                        info.id,
                        check.code()
                    );
                }
            }
        }
    }
}
