//! Regression tests for bad input found by adversarial runs: each was a
//! panic, an overflow or an edit that went unnoticed.

use chrono::{DateTime, FixedOffset, Utc};
use kmcore::{
    Actor, Application, AsOf, Catalogue, Facts, Jurisdiction, LicenceCategory, Request, RuleBundle,
    ServiceId,
};

fn t(s: &str) -> DateTime<FixedOffset> {
    s.parse().unwrap()
}

/// The far-future idiom: the largest UTC instant, seen from Pakistan.
fn max_utc_in_pkt() -> DateTime<FixedOffset> {
    DateTime::<Utc>::MAX_UTC.with_timezone(&FixedOffset::east_opt(5 * 3600).unwrap())
}

fn lost_report(cat: &Catalogue) -> Application {
    Application::new(cat, ServiceId::LostReport, Jurisdiction::PB, "LR-1").unwrap()
}

#[test]
fn a_far_tenant_possession_instant_is_invalid_input_not_a_panic() {
    let cat = Catalogue::embedded().unwrap();
    for (service, key) in [
        ("tenant_registration.deadline", "possession_at"),
        ("guest_registration.deadline", "checked_in_at"),
    ] {
        let json = format!(
            r#"{{"service":"{service}","jurisdiction":"PB","as_of":"2025-01-01","facts":{{"{key}":"+262142-12-31T23:00:00Z","reported_at":"2025-01-01T10:00:00+05:00"}}}}"#
        );
        let outcome = serde_json::from_str::<Request>(&json)
            .map_err(|e| e.to_string())
            .and_then(|r| {
                cat.evaluate(&r)
                    .map(|_| ())
                    .map_err(|e| e.code().to_string())
            });
        let err = outcome.unwrap_err();
        assert!(
            err.contains("out of range") || err == "date.out_of_range",
            "{err}"
        );
    }
}

#[test]
fn an_instant_out_of_range_in_pakistan_time_is_refused_everywhere() {
    let cat = Catalogue::embedded().unwrap();
    let far = max_utc_in_pkt();
    let facts = Facts {
        possession_at: Some(far),
        reported_at: Some(t("2025-01-01T10:00:00+05:00")),
        ..Facts::default()
    };
    let r = Request::on_date(
        ServiceId::TenantDeadline,
        Jurisdiction::PB,
        "2025-01-01".parse().unwrap(),
        facts.clone(),
    );
    assert_eq!(cat.evaluate(&r).unwrap_err().code(), "date.out_of_range");
    let r = Request::at_instant(
        ServiceId::LostReport,
        Jurisdiction::PB,
        far,
        Facts::default(),
    );
    assert_eq!(cat.evaluate(&r).unwrap_err().code(), "date.out_of_range");
    // `documents` has no error to return: it must simply not panic.
    let _ = cat.documents(&r);
    let mut app = lost_report(cat);
    let err = app
        .apply(cat, "submit", far, Actor::Citizen, None)
        .unwrap_err();
    assert_eq!(err.code(), "date.out_of_range");
    assert!(app.events().is_empty());
    let mut lp = Application::new(cat, ServiceId::LearnerPermit, Jurisdiction::PB, "LP").unwrap();
    assert_eq!(
        lp.preview(cat, "submit", far, None).unwrap_err().code(),
        "date.out_of_range"
    );
    let learner = Facts {
        category: Some(LicenceCategory::Motorcycle),
        date_of_birth: Some("2000-01-01".parse().unwrap()),
        has_valid_cnic: Some(true),
        possession_at: Some(far),
        ..Facts::default()
    };
    let err = lp
        .apply(
            cat,
            "submit",
            t("2025-01-01T10:00:00+05:00"),
            Actor::Clerk,
            Some(learner),
        )
        .unwrap_err();
    assert_eq!(err.code(), "date.out_of_range");
    // An event without a guard must check its facts too, or `to_json` panics.
    let mut app = lost_report(cat);
    let err = app
        .apply(
            cat,
            "submit",
            t("2025-01-01T10:00:00+05:00"),
            Actor::Citizen,
            Some(facts),
        )
        .unwrap_err();
    assert_eq!(err.code(), "date.out_of_range");
    let _ = app.to_json();
    app.apply(
        cat,
        "submit",
        t("2025-01-01T10:00:00+05:00"),
        Actor::Citizen,
        None,
    )
    .unwrap();
    assert_eq!(app.sla(cat, far).unwrap_err().code(), "date.out_of_range");
    assert_eq!(
        app.time_in_states(far).unwrap_err().code(),
        "date.out_of_range"
    );
    assert!(
        "+262142-12-31T23:00:00Z"
            .parse::<AsOf>()
            .unwrap_err()
            .is_invalid_input()
    );
    assert_eq!(
        "9999-12-31T23:00:00-05:00"
            .parse::<AsOf>()
            .unwrap_err()
            .code(),
        "date.out_of_range"
    );
}

#[test]
fn facts_json_refuses_far_instants_and_offsets_with_seconds() {
    let err = Facts::from_json(r#"{"possession_at":"+262142-12-31T23:00:00Z"}"#).unwrap_err();
    assert!(err.is_invalid_input());
    assert!(err.message().contains("out of range"), "{}", err.message());
    let err = Facts::from_json(r#"{"reported_at":"2025-01-01T10:00:00+05:00:30"}"#);
    assert!(err.is_err());
}

#[test]
fn an_offset_with_seconds_is_refused_so_every_written_log_loads() {
    let cat = Catalogue::embedded().unwrap();
    let mut app = lost_report(cat);
    let odd = DateTime::parse_from_rfc3339("2025-01-01T10:00:00+05:00")
        .unwrap()
        .with_timezone(&FixedOffset::east_opt(5 * 3600 + 30).unwrap());
    let err = app
        .apply(cat, "submit", odd, Actor::Citizen, None)
        .unwrap_err();
    assert_eq!(err.code(), "date.offset_seconds");
    let facts = Facts {
        reported_at: Some(odd),
        ..Facts::default()
    };
    let err = app
        .apply(
            cat,
            "submit",
            t("2025-01-01T10:00:00+05:00"),
            Actor::Citizen,
            Some(facts),
        )
        .unwrap_err();
    assert_eq!(err.code(), "date.offset_seconds");
}

fn log_with_instant_fact(cat: &Catalogue, reported_at: &str) -> String {
    let mut app = lost_report(cat);
    let facts = Facts {
        reported_at: Some(t(reported_at)),
        ..Facts::default()
    };
    app.apply(
        cat,
        "submit",
        t("2025-01-01T21:00:00+05:00"),
        Actor::Citizen,
        Some(facts),
    )
    .unwrap();
    let json = app.to_json();
    Application::from_json(cat, &json).unwrap();
    json
}

#[test]
fn the_sub_second_part_of_an_instant_fact_is_hashed() {
    let cat = Catalogue::embedded().unwrap();
    let json = log_with_instant_fact(cat, "2025-01-01T20:00:00.250+05:00");
    let edited = json.replace("20:00:00.250", "20:00:00.050");
    assert_ne!(edited, json);
    assert!(
        Application::from_json(cat, &edited)
            .unwrap_err()
            .is_tampered_log()
    );
}

#[test]
fn a_leap_second_in_an_instant_fact_is_hashed() {
    let cat = Catalogue::embedded().unwrap();
    let json = log_with_instant_fact(cat, "2016-12-31T23:59:59+00:00");
    let edited = json.replace("23:59:59", "23:59:60");
    assert_ne!(edited, json);
    assert!(Application::from_json(cat, &edited).is_err());
}

#[test]
fn the_header_of_a_log_with_no_events_is_bound() {
    let cat = Catalogue::embedded().unwrap();
    let app = lost_report(cat);
    let json = app.to_json();
    assert_eq!(Application::from_json(cat, &json).unwrap(), app);
    let edited = json.replace("LR-1", "LR-2");
    assert!(
        Application::from_json(cat, &edited)
            .unwrap_err()
            .is_tampered_log()
    );
    let edited = json.replace("\"PB\"", "\"KP\"");
    assert!(
        Application::from_json(cat, &edited)
            .unwrap_err()
            .is_tampered_log()
    );
}

#[test]
fn trailing_text_after_a_bundle_or_an_overlay_is_refused() {
    let cat = Catalogue::embedded().unwrap();
    let overlay = format!(
        r#"{{"format_version": 1, "bundle_version": "w1", "title": "what-if", "overlay_of": "{}", "parameters": {{}}}}"#,
        cat.bundle().version()
    );
    cat.with_overlay("w1.json", &overlay).unwrap();
    for tail in [" xyz", " {}", "\n{\"a\":1}", " ]"] {
        let err = cat
            .with_overlay("w1.json", &format!("{overlay}{tail}"))
            .unwrap_err();
        assert!(err.is_bundle(), "{tail}");
        assert_eq!(err.code(), "bundle.syntax");
    }
    let (name, text) = kmcore::EMBEDDED_BUNDLE_FILES[0];
    let mut parts: Vec<(&str, String)> = kmcore::EMBEDDED_BUNDLE_FILES
        .iter()
        .map(|(n, t)| (*n, t.to_string()))
        .collect();
    parts[0] = (name, format!("{text} xyz"));
    let refs: Vec<(&str, &str)> = parts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    assert_eq!(
        RuleBundle::from_json_parts(&refs).unwrap_err().code(),
        "bundle.syntax"
    );
    // Trailing white space stays fine.
    cat.with_overlay("w1.json", &format!("{overlay}\n\n"))
        .unwrap();
}

#[test]
fn an_sla_target_too_large_for_the_arithmetic_is_refused_at_load() {
    let cat = Catalogue::embedded().unwrap();
    let overlay = format!(
        r#"{{"format_version": 1, "bundle_version": "big", "title": "huge", "overlay_of": "{}",
           "parameters": {{"character_certificate.issue": {{"sla": {{"PB": [
             {{"effective_from": "2020-01-01", "working_days": {}, "source": "x", "basis": "uncertain"}}
           ]}}}}}}}}"#,
        cat.bundle().version(),
        i64::MAX
    );
    let err = cat.with_overlay("big.json", &overlay).unwrap_err();
    assert!(err.is_bundle(), "{err}");
    assert_eq!(err.code(), "bundle.too_large");
}

#[test]
fn licence_term_years_other_than_one_three_or_five_is_invalid_input() {
    let cat = Catalogue::embedded().unwrap();
    for years in [0, 2, -1, 1 << 62, 4, 6] {
        let facts = Facts {
            category: Some(LicenceCategory::MotorCar),
            date_of_birth: Some("1990-01-01".parse().unwrap()),
            has_valid_cnic: Some(true),
            licence_term_years: Some(years),
            ..Facts::default()
        };
        for service in [ServiceId::PermanentLicence, ServiceId::LicenceRenewal] {
            let r = Request::on_date(
                service,
                Jurisdiction::PB,
                "2025-05-01".parse().unwrap(),
                facts.clone(),
            );
            let err = cat.evaluate(&r).unwrap_err();
            assert_eq!(err.code(), "fact.out_of_range", "{service} {years}");
        }
    }
}

fn submitted(cat: &Catalogue) -> Application {
    let mut app = lost_report(cat);
    app.apply(
        cat,
        "submit",
        t("2025-05-01T09:00:00+05:00"),
        Actor::Citizen,
        None,
    )
    .unwrap();
    app
}

#[test]
fn a_seal_catches_a_rewrite_that_recomputes_the_chain() {
    let cat = Catalogue::embedded().unwrap();
    let office = [9u8; 32];
    let public = kmcore::seal_public_key(&office);
    let mut app = submitted(cat);
    app.seal("PB-LHR-01", &office).unwrap();
    let json = app.to_json();
    assert!(json.contains("\"seal\":{\"key_id\":\"PB-LHR-01\""));
    let back = Application::from_json(cat, &json).unwrap();
    back.verify_seal(&public).unwrap();
    assert_eq!(back.seal_info().unwrap().key_id, "PB-LHR-01");

    // A forger rebuilds the log with another actor: the chain is valid, the
    // seal is not.
    let mut forged = lost_report(cat);
    forged
        .apply(
            cat,
            "submit",
            t("2025-05-01T09:00:00+05:00"),
            Actor::Clerk,
            None,
        )
        .unwrap();
    let forged_json = forged.to_json().replace(
        &format!("\"head\":\"{}\"", forged.events()[0].hash),
        &format!(
            "\"head\":\"{}\",\"seal\":{}",
            forged.events()[0].hash,
            serde_json::to_string(app.seal_info().unwrap()).unwrap()
        ),
    );
    let loaded = Application::from_json(cat, &forged_json).unwrap();
    let err = loaded.verify_seal(&public).unwrap_err();
    assert!(err.is_tampered_log());
    assert_eq!(err.code(), "log.seal");

    // Dropping the last event, or the seal itself, is caught as well.
    let empty = lost_report(cat);
    let mut dropped: serde_json::Value = serde_json::from_str(&json).unwrap();
    dropped["events"] = serde_json::json!([]);
    dropped["head"] = serde_json::json!(empty.to_json().split("\"head\":\"").nth(1).unwrap()[..64]);
    let loaded = Application::from_json(cat, &serde_json::to_string(&dropped).unwrap()).unwrap();
    assert!(loaded.verify_seal(&public).unwrap_err().is_tampered_log());
    let unsealed = Application::from_json(cat, &submitted(cat).to_json()).unwrap();
    assert_eq!(
        unsealed.verify_seal(&public).unwrap_err().code(),
        "seal.missing"
    );

    // The wrong key, an empty key id.
    assert!(
        back.verify_seal(&kmcore::seal_public_key(&[8u8; 32]))
            .is_err()
    );
    assert_eq!(app.seal("", &office).unwrap_err().code(), "seal.key_id");
}

fn what_if(cat: &Catalogue, title: &str, rupees: i64) -> String {
    format!(
        r#"{{"format_version": 1, "bundle_version": "w1", "title": "{title}", "overlay_of": "{}",
           "parameters": {{"driving_licence.learner_permit": {{"fee.motorcycle": {{"PB": [
             {{"effective_from": "2020-01-01", "rupees": {rupees}, "source": "what-if", "basis": "uncertain"}}
           ]}}}}}}}}"#,
        cat.bundle().version()
    )
}

#[test]
fn a_log_recorded_under_a_different_bundle_with_the_same_version_is_its_own_error() {
    let cat = Catalogue::embedded().unwrap();
    let a = cat
        .with_overlay("w1.json", &what_if(cat, "a", 500))
        .unwrap();
    let b = cat
        .with_overlay("w1.json", &what_if(cat, "a", 700))
        .unwrap();
    assert_eq!(a.bundle().version(), b.bundle().version());
    assert_ne!(a.bundle().digest(), b.bundle().digest());
    // Spacing does not change the digest.
    let spaced = cat
        .with_overlay("w1.json", &what_if(cat, "a", 500).replace(": ", ":   "))
        .unwrap();
    assert_eq!(spaced.bundle().digest(), a.bundle().digest());
    // One catalogue refuses two bundles under one version.
    assert_eq!(
        a.with_bundle(b.bundle().clone()).unwrap_err().code(),
        "bundle.version_reused"
    );
    let mut app = Application::new(&a, ServiceId::LearnerPermit, Jurisdiction::PB, "LP-1").unwrap();
    let facts = Facts {
        category: Some(LicenceCategory::Motorcycle),
        date_of_birth: Some("2000-01-01".parse().unwrap()),
        has_valid_cnic: Some(true),
        ..Facts::default()
    };
    app.apply(
        &a,
        "submit",
        t("2025-01-01T10:00:00+05:00"),
        Actor::Clerk,
        Some(facts),
    )
    .unwrap();
    assert_eq!(app.events()[0].bundle_digest, Some(a.bundle().digest()));
    let json = app.to_json();
    Application::from_json(&a, &json).unwrap();
    let err = Application::from_json(&b, &json).unwrap_err();
    assert!(err.is_not_known());
    assert_eq!(err.code(), "log.bundle_mismatch");
    assert_eq!(err.index(), Some(0));
}

#[test]
fn size_limits_give_typed_errors() {
    let cat = Catalogue::embedded().unwrap();
    let tight = cat.with_limits(kmcore::Limits {
        max_log_events: 1,
        max_log_bytes: 4096,
        max_bundle_bytes: 1024,
    });
    let app = submitted(cat);
    let mut two = app.clone();
    two.apply(
        cat,
        "issue",
        t("2025-05-01T10:00:00+05:00"),
        Actor::Clerk,
        None,
    )
    .unwrap();
    let json = two.to_json();
    assert_eq!(
        Application::from_json(&tight, &json).unwrap_err().code(),
        "limit.log_events"
    );
    let mut one = app.clone();
    assert_eq!(
        one.apply(
            &tight,
            "issue",
            t("2025-05-01T10:00:00+05:00"),
            Actor::Clerk,
            None
        )
        .unwrap_err()
        .code(),
        "limit.log_events"
    );
    let padded = format!("{json}{}", " ".repeat(5000));
    assert_eq!(
        Application::from_json(&tight, &padded).unwrap_err().code(),
        "limit.log_bytes"
    );
    let big_overlay = format!("{}{}", what_if(cat, "a", 1), " ".repeat(2000));
    let err = tight.with_overlay("big.json", &big_overlay).unwrap_err();
    assert!(err.is_bundle());
    assert_eq!(err.code(), "bundle.too_large");
    // The default limits take a 20 MB overlay as a typed error, at once.
    let huge = format!("{}{}", what_if(cat, "a", 1), " ".repeat(20 << 20));
    assert_eq!(
        cat.with_overlay("huge.json", &huge).unwrap_err().code(),
        "bundle.too_large"
    );
}

#[test]
fn logs_written_before_heads_and_digests_still_load() {
    // A log as the first release wrote it: no head, no bundle digest.
    let cat = Catalogue::embedded().unwrap();
    let app = submitted(cat);
    let mut v: serde_json::Value = serde_json::from_str(&app.to_json()).unwrap();
    let map = v.as_object_mut().unwrap();
    map.remove("head");
    let old = serde_json::to_string(&v).unwrap();
    // With a digest in the hashed event, removing it breaks the hash...
    assert!(
        Application::from_json(
            cat,
            &old.replace(
                &format!(",\"bundle_digest\":\"{}\"", cat.bundle().digest()),
                ""
            )
        )
        .unwrap_err()
        .is_tampered_log()
    );
    // ...but a log without a head is read as the older form.
    let back = Application::from_json(cat, &old).unwrap();
    assert_eq!(back.events(), app.events());
}

#[test]
fn a_batch_row_refuses_what_a_single_evaluation_refuses() {
    let cat = Catalogue::embedded().unwrap();
    let facts = Facts {
        category: Some(LicenceCategory::MotorCar),
        date_of_birth: Some("1990-01-01".parse().unwrap()),
        has_valid_cnic: Some(true),
        licence_term_years: Some(2),
        ..Facts::default()
    };
    let bad_term = Request::on_date(
        ServiceId::PermanentLicence,
        Jurisdiction::PB,
        "2025-05-01".parse().unwrap(),
        facts,
    );
    let far = Request::at_instant(
        ServiceId::LostReport,
        Jurisdiction::PB,
        max_utc_in_pkt(),
        Facts::default(),
    );
    let requests = [bad_term, far];
    let out = kmcore::batch::evaluate_requests(cat, &requests, &kmcore::BatchOptions::new());
    for (row, r) in out.iter().zip(&requests) {
        let single = cat.evaluate(r).unwrap_err();
        assert_eq!(row.error(), Some(&single));
    }
}

#[test]
fn a_huge_bad_value_is_quoted_in_forty_characters() {
    let huge = "x".repeat(1_000_000);
    let short = |e: kmcore::KmError| {
        let m = e.message().to_string();
        assert!(m.contains(&format!("{}…", "x".repeat(40))), "{m}");
        assert!(!m.contains(&"x".repeat(41)), "{m}");
        assert!(m.len() < 2_000, "{} bytes", m.len());
        e.code().to_string()
    };
    assert_eq!(
        short(huge.parse::<ServiceId>().unwrap_err()),
        "service.unknown"
    );
    assert_eq!(
        short(huge.parse::<kmcore::Jurisdiction>().unwrap_err()),
        "jurisdiction.unknown"
    );
    assert_eq!(
        short(huge.parse::<kmcore::FactKey>().unwrap_err()),
        "fact.unknown"
    );
    assert_eq!(
        short(huge.parse::<kmcore::Lang>().unwrap_err()),
        "lang.unknown"
    );
    assert_eq!(
        short(huge.parse::<kmcore::Actor>().unwrap_err()),
        "actor.unknown"
    );
    let mut facts = kmcore::Facts::default();
    assert_eq!(
        short(
            facts
                .set("category", kmcore::FactValue::Text(huge.clone()))
                .unwrap_err()
        ),
        "fact.value"
    );
    assert_eq!(
        short(facts.set(&huge, kmcore::FactValue::Bool(true)).unwrap_err()),
        "fact.unknown"
    );
    assert_eq!(
        short(
            facts
                .set("urgent", kmcore::FactValue::Text(huge.clone()))
                .unwrap_err()
        ),
        "fact.type"
    );
    assert_eq!(
        short(kmcore::calendar::parse_date(&huge).unwrap_err()),
        "date.invalid"
    );
    // Multi-byte text is cut on a character boundary.
    let urdu = "ش".repeat(100);
    assert_eq!(
        kmcore::excerpt(&urdu),
        format!("{}… (100 characters)", "ش".repeat(40))
    );
}

#[test]
fn an_empty_log_without_its_head_is_refused() {
    // Found by fuzzing: an empty log with its head left out loaded (as a
    // log written before heads were recorded), so its header, which only
    // the head binds, could be changed unseen.
    let cat = Catalogue::embedded().unwrap();
    let empty = Application::new(cat, ServiceId::LostReport, Jurisdiction::PB, "G-empty").unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&empty.to_json()).unwrap();
    v.as_object_mut().unwrap().remove("head");
    let headless = serde_json::to_string(&v).unwrap();
    let err = Application::from_json(cat, &headless).unwrap_err();
    assert!(err.is_tampered_log(), "{err}");
    assert_eq!(err.code(), "log.head");
    let renamed = headless.replace("G-empty", "G-other");
    assert!(
        Application::from_json(cat, &renamed)
            .unwrap_err()
            .is_tampered_log()
    );
    // With its head it loads and is written back as it was.
    assert_eq!(
        Application::from_json(cat, &empty.to_json()).unwrap(),
        empty
    );
}
