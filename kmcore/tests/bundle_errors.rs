//! Malformed bundles: one test per kind of loading error, each checking the
//! code, the file and the path the error names.

use kmcore::{Jurisdiction, RuleBundle, ServiceId};

fn bundle_with(parameters: &str) -> String {
    format!(
        r#"{{"format_version": 1, "bundle_version": "t-1", "title": "test", "parameters": {parameters}}}"#
    )
}

fn entry(extra: &str) -> String {
    format!(
        r#"{{"effective_from": "2024-01-16", {extra}, "source": "https://example.org", "basis": "confirmed"}}"#
    )
}

fn learner_fee(entries: &[String]) -> String {
    bundle_with(&format!(
        r#"{{"driving_licence.learner_permit": {{"fee.motorcycle": {{"PB": [{}]}}}}}}"#,
        entries.join(",")
    ))
}

fn load_err(text: &str) -> kmcore::KmError {
    RuleBundle::from_json("test.json", text).expect_err("bundle should be rejected")
}

#[test]
fn a_valid_minimal_bundle_loads() {
    let b = RuleBundle::from_json("test.json", &learner_fee(&[entry(r#""rupees": 500"#)])).unwrap();
    let on = "2024-02-01".parse().unwrap();
    let v = b
        .value(
            ServiceId::LearnerPermit,
            "fee",
            "motorcycle",
            Jurisdiction::PB,
            on,
        )
        .unwrap();
    assert_eq!(v.money().unwrap().paisa(), 50_000);
    let before = "2024-01-15".parse().unwrap();
    assert!(
        b.value(
            ServiceId::LearnerPermit,
            "fee",
            "motorcycle",
            Jurisdiction::PB,
            before
        )
        .is_none()
    );
}

#[test]
fn malformed_json_is_a_syntax_error() {
    let err = load_err(r#"{"format_version": 1,"#);
    assert!(err.is_bundle());
    assert_eq!(err.code(), "bundle.syntax");
    assert_eq!(err.file(), Some("test.json"));
}

#[test]
fn unknown_top_level_key_is_rejected_with_its_path() {
    let err = load_err(
        r#"{"format_version": 1, "bundle_version": "t", "title": "t", "parameters": {}, "fees": {}}"#,
    );
    assert_eq!(err.code(), "bundle.shape");
    assert!(err.message().contains("fees"), "{err}");
}

#[test]
fn unknown_key_inside_an_entry_is_rejected_with_its_path() {
    let err = load_err(&learner_fee(&[entry(
        r#""rupees": 500, "effective": "2024-01-01""#,
    )]));
    assert_eq!(err.code(), "bundle.shape");
    assert_eq!(
        err.path(),
        Some("parameters.driving_licence.learner_permit.fee.motorcycle.PB[0].effective")
    );
    assert!(err.message().contains("effective"));
}

#[test]
fn unknown_service_is_rejected() {
    let err = load_err(&bundle_with(r#"{"driving_licence.flying": {}}"#));
    assert_eq!(err.code(), "bundle.unknown_service");
    assert_eq!(err.path(), Some("parameters.driving_licence.flying"));
}

#[test]
fn unknown_parameter_is_rejected() {
    let err = load_err(&bundle_with(
        r#"{"driving_licence.learner_permit": {"colour": {"PB": []}}}"#,
    ));
    assert_eq!(err.code(), "bundle.unknown_parameter");
    assert!(err.message().contains("known: fee"), "{err}");
}

#[test]
fn unknown_category_is_rejected() {
    let err = load_err(&bundle_with(
        r#"{"driving_licence.learner_permit": {"fee.tank": {"PB": []}}}"#,
    ));
    assert_eq!(err.code(), "bundle.unknown_variant");
    assert!(err.message().contains("tank"));
}

#[test]
fn variant_on_a_parameter_without_variants_is_rejected() {
    let err = load_err(&bundle_with(
        r#"{"driving_licence.learner_permit": {"validity.motorcycle": {"PB": []}}}"#,
    ));
    assert_eq!(err.code(), "bundle.unknown_variant");
}

#[test]
fn unknown_jurisdiction_is_rejected() {
    let err = load_err(&bundle_with(
        r#"{"driving_licence.learner_permit": {"fee.motorcycle": {"BL": []}}}"#,
    ));
    assert_eq!(err.code(), "bundle.unknown_jurisdiction");
    assert_eq!(
        err.path(),
        Some("parameters.driving_licence.learner_permit.fee.motorcycle.BL")
    );
}

#[test]
fn negative_amount_is_rejected() {
    let err = load_err(&learner_fee(&[entry(r#""rupees": -500"#)]));
    assert_eq!(err.code(), "bundle.negative");
    assert_eq!(
        err.path(),
        Some("parameters.driving_licence.learner_permit.fee.motorcycle.PB[0].rupees")
    );
}

#[test]
fn wrong_unit_is_rejected() {
    let err = load_err(&learner_fee(&[entry(r#""years": 500"#)]));
    assert_eq!(err.code(), "bundle.unit");
    assert!(err.message().contains("rupees"));
}

#[test]
fn two_values_in_one_entry_are_rejected() {
    let err = load_err(&learner_fee(&[entry(r#""rupees": 500, "days": 3"#)]));
    assert_eq!(err.code(), "bundle.unit");
}

#[test]
fn missing_value_is_rejected() {
    let err = load_err(&learner_fee(&[entry(r#""note": "no value""#)]));
    assert_eq!(err.code(), "bundle.unit");
}

#[test]
fn range_ending_before_it_starts_is_rejected() {
    let err = load_err(&learner_fee(&[entry(
        r#""effective_to": "2023-01-01", "rupees": 500"#,
    )]));
    assert_eq!(err.code(), "bundle.range");
}

#[test]
fn overlapping_ranges_are_rejected() {
    let a = r#"{"effective_from": "2024-01-01", "effective_to": "2024-12-31", "rupees": 500, "source": "s", "basis": "confirmed"}"#;
    let b =
        r#"{"effective_from": "2024-06-01", "rupees": 600, "source": "s", "basis": "confirmed"}"#;
    let err = load_err(&learner_fee(&[a.into(), b.into()]));
    assert_eq!(err.code(), "bundle.overlap");
    assert_eq!(
        err.path(),
        Some("parameters.driving_licence.learner_permit.fee.motorcycle.PB")
    );
}

#[test]
fn an_open_range_followed_by_another_overlaps() {
    let a =
        r#"{"effective_from": "2024-01-01", "rupees": 500, "source": "s", "basis": "confirmed"}"#;
    let b =
        r#"{"effective_from": "2025-01-01", "rupees": 600, "source": "s", "basis": "confirmed"}"#;
    assert_eq!(
        load_err(&learner_fee(&[a.into(), b.into()])).code(),
        "bundle.overlap"
    );
}

#[test]
fn gapped_ranges_are_rejected() {
    let a = r#"{"effective_from": "2024-01-01", "effective_to": "2024-06-30", "rupees": 500, "source": "s", "basis": "confirmed"}"#;
    let b =
        r#"{"effective_from": "2024-07-02", "rupees": 600, "source": "s", "basis": "confirmed"}"#;
    let err = load_err(&learner_fee(&[a.into(), b.into()]));
    assert_eq!(err.code(), "bundle.gap");
    assert!(err.message().contains("2024-06-30"));
}

#[test]
fn adjacent_ranges_load_in_any_order() {
    let a = r#"{"effective_from": "2024-01-01", "effective_to": "2024-06-30", "rupees": 500, "source": "s", "basis": "confirmed"}"#;
    let b =
        r#"{"effective_from": "2024-07-01", "rupees": 600, "source": "s", "basis": "confirmed"}"#;
    let bundle = RuleBundle::from_json("t.json", &learner_fee(&[b.into(), a.into()])).unwrap();
    let history = bundle.history(
        ServiceId::LearnerPermit,
        "fee",
        "motorcycle",
        Jurisdiction::PB,
    );
    assert_eq!(history.len(), 2);
    assert!(history[0].from < history[1].from);
}

#[test]
fn empty_source_is_rejected() {
    let e =
        r#"{"effective_from": "2024-01-01", "rupees": 500, "source": " ", "basis": "confirmed"}"#;
    assert_eq!(load_err(&learner_fee(&[e.into()])).code(), "bundle.source");
}

#[test]
fn unknown_basis_is_rejected() {
    let e = r#"{"effective_from": "2024-01-01", "rupees": 500, "source": "s", "basis": "rumour"}"#;
    let err = load_err(&learner_fee(&[e.into()]));
    assert_eq!(err.code(), "bundle.shape");
    assert!(err.message().contains("rumour"));
}

#[test]
fn unsupported_format_version_is_rejected() {
    let err =
        load_err(r#"{"format_version": 2, "bundle_version": "t", "title": "t", "parameters": {}}"#);
    assert_eq!(err.code(), "bundle.format_version");
}

#[test]
fn duplicate_holiday_is_rejected() {
    let err = load_err(
        r#"{"format_version": 1, "bundle_version": "t", "title": "t", "parameters": {},
            "holidays": {"PB": [
              {"date": "2025-08-14", "name": "a", "source": "s", "basis": "confirmed"},
              {"date": "2025-08-14", "name": "b", "source": "s", "basis": "confirmed"}]}}"#,
    );
    assert_eq!(err.code(), "bundle.overlap");
    assert_eq!(err.path(), Some("holidays.PB"));
}

#[test]
fn an_overlay_must_name_the_bundle_it_overlays() {
    let base = RuleBundle::embedded().unwrap();
    let err = base
        .overlay("w.json", &learner_fee(&[entry(r#""rupees": 700"#)]))
        .unwrap_err();
    assert_eq!(err.code(), "bundle.overlay");
    let wrong = r#"{"format_version": 1, "bundle_version": "w", "title": "w", "overlay_of": "nope", "parameters": {}}"#;
    assert_eq!(
        base.overlay("w.json", wrong).unwrap_err().code(),
        "bundle.overlay"
    );
    // An overlay file is not a bundle of its own.
    assert_eq!(load_err(wrong).code(), "bundle.overlay");
}

#[test]
fn an_overlay_leaves_the_base_unchanged() {
    let base = RuleBundle::embedded().unwrap();
    let overlay = format!(
        r#"{{"format_version": 1, "bundle_version": "w", "title": "w", "overlay_of": "{}",
            "parameters": {{"driving_licence.learner_permit": {{"fee.motorcycle": {{"PB": [
              {{"effective_from": "2027-01-01", "rupees": 700, "source": "what-if", "basis": "uncertain"}}]}}}}}}}}"#,
        base.version()
    );
    let what_if = base.overlay("w.json", &overlay).unwrap();
    let d = |s: &str| s.parse().unwrap();
    let fee = |b: &RuleBundle, on| {
        b.value(
            ServiceId::LearnerPermit,
            "fee",
            "motorcycle",
            Jurisdiction::PB,
            on,
        )
        .map(|v| v.amount)
    };
    assert_eq!(fee(&what_if, d("2027-01-01")), Some(700));
    assert_eq!(fee(&what_if, d("2026-12-31")), Some(500));
    assert_eq!(fee(&base, d("2027-01-01")), Some(500));
    assert_eq!(what_if.version(), format!("{}+w", base.version()));
    assert_eq!(what_if.overlay_of(), Some(base.version()));
    assert_eq!(base.overlay_of(), None);
}

#[test]
fn parts_with_different_versions_are_rejected() {
    let a = bundle_with("{}");
    let b = r#"{"format_version": 1, "bundle_version": "other", "title": "t", "parameters": {}}"#;
    let err = RuleBundle::from_json_parts(&[("a.json", &a), ("b.json", b)]).unwrap_err();
    assert_eq!(err.code(), "bundle.version_mismatch");
    assert_eq!(err.file(), Some("b.json"));
}

#[test]
fn a_parameter_given_in_two_parts_is_rejected() {
    let a = learner_fee(&[entry(r#""rupees": 500"#)]);
    let err = RuleBundle::from_json_parts(&[("a.json", &a), ("b.json", &a)]).unwrap_err();
    assert_eq!(err.code(), "bundle.duplicate");
}

#[test]
fn an_assumed_start_is_carried_and_never_confirmed() {
    let e = r#"{"effective_from": "2019-04-06", "rupees": 700, "source": "s", "basis": "confirmed", "start_assumed": "the notice's year is not shown"}"#;
    let bundle = RuleBundle::from_json("t.json", &learner_fee(&[e.into()])).unwrap();
    let history = bundle.history(
        ServiceId::LearnerPermit,
        "fee",
        "motorcycle",
        Jurisdiction::PB,
    );
    let v = history.first().unwrap();
    assert_eq!(
        v.start_assumed.as_deref(),
        Some("the notice's year is not shown")
    );
    assert!(!v.is_confirmed());
    let blank = r#"{"effective_from": "2019-04-06", "rupees": 700, "source": "s", "basis": "confirmed", "start_assumed": " "}"#;
    assert_eq!(
        load_err(&learner_fee(&[blank.into()])).code(),
        "bundle.start_assumed"
    );
}

fn with_calendar(calendar: &str, holidays: &str) -> String {
    format!(
        r#"{{"format_version": 1, "bundle_version": "t", "title": "t", "parameters": {{}},
            "holidays": {{"PB": [{holidays}]}}, "calendar": {{"PB": {calendar}}}}}"#
    )
}

const GOOD_WEEKEND: &str =
    r#""weekend": ["Sat", "Sun"], "weekend_source": "s", "weekend_basis": "confirmed""#;
const INDEPENDENCE_DAY: &str =
    r#"{"date": "2025-08-14", "name": "Independence Day", "source": "s", "basis": "confirmed"}"#;

#[test]
fn a_calendar_gives_the_weekend_and_the_covered_years() {
    let text = with_calendar(
        r#"{"weekend": ["Fri"], "weekend_source": "s", "weekend_basis": "uncertain", "first_year": 2025, "last_year": 2025}"#,
        INDEPENDENCE_DAY,
    );
    let b = RuleBundle::from_json("test.json", &text).unwrap();
    let cal = b.working_calendar(Jurisdiction::PB);
    assert_eq!(cal.weekend(), vec![chrono::Weekday::Fri]);
    let d = |s: &str| -> chrono::NaiveDate { s.parse().unwrap() };
    assert!(cal.covers(d("2025-12-31")) && !cal.covers(d("2026-01-01")));
    // Friday 15 August is the weekend here, Saturday 16 a working day.
    assert_eq!(
        cal.add_working_days_known(d("2025-08-13"), 1).unwrap(),
        Some(d("2025-08-16"))
    );
    // A jurisdiction without a calendar covers no day.
    let kp = b.working_calendar(Jurisdiction::KP);
    assert_eq!(kp.add_working_days_known(d("2025-08-13"), 1).unwrap(), None);
    assert!(b.calendar_details(Jurisdiction::KP).is_none());
}

#[test]
fn calendar_keys_are_checked() {
    let unknown_key = load_err(&with_calendar(
        &format!(r#"{{{GOOD_WEEKEND}, "first_year": 2025, "last_year": 2025, "saturday": true}}"#),
        INDEPENDENCE_DAY,
    ));
    assert_eq!(unknown_key.code(), "bundle.shape");
    let missing = load_err(&with_calendar(
        &format!(r#"{{{GOOD_WEEKEND}, "first_year": 2025}}"#),
        INDEPENDENCE_DAY,
    ));
    assert_eq!(missing.code(), "bundle.shape");
    let bad_day = load_err(&with_calendar(
        r#"{"weekend": ["Caturday"], "weekend_source": "s", "weekend_basis": "confirmed", "first_year": 2025, "last_year": 2025}"#,
        INDEPENDENCE_DAY,
    ));
    assert_eq!(bad_day.code(), "bundle.shape");
    let repeated = load_err(&with_calendar(
        r#"{"weekend": ["Sun", "Sun"], "weekend_source": "s", "weekend_basis": "confirmed", "first_year": 2025, "last_year": 2025}"#,
        INDEPENDENCE_DAY,
    ));
    assert_eq!(repeated.code(), "bundle.calendar");
    assert_eq!(repeated.path(), Some("calendar.PB.weekend"));
    let all_week = load_err(&with_calendar(
        r#"{"weekend": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], "weekend_source": "s", "weekend_basis": "confirmed", "first_year": 2025, "last_year": 2025}"#,
        INDEPENDENCE_DAY,
    ));
    assert_eq!(all_week.code(), "bundle.calendar");
    let unsourced = load_err(&with_calendar(
        r#"{"weekend": ["Sun"], "weekend_source": " ", "weekend_basis": "confirmed", "first_year": 2025, "last_year": 2025}"#,
        INDEPENDENCE_DAY,
    ));
    assert_eq!(unsourced.code(), "bundle.source");
    assert_eq!(unsourced.path(), Some("calendar.PB.weekend_source"));
    let backwards = load_err(&with_calendar(
        &format!(r#"{{{GOOD_WEEKEND}, "first_year": 2026, "last_year": 2025}}"#),
        INDEPENDENCE_DAY,
    ));
    assert_eq!(backwards.code(), "bundle.range");
    let outside = load_err(&with_calendar(
        &format!(r#"{{{GOOD_WEEKEND}, "first_year": 2026, "last_year": 2026}}"#),
        INDEPENDENCE_DAY,
    ));
    assert_eq!(outside.code(), "bundle.calendar");
    assert_eq!(outside.path(), Some("holidays.PB[0]"));
    let text = format!(
        r#"{{"format_version": 1, "bundle_version": "t", "title": "t", "parameters": {{}},
            "calendar": {{"XX": {{{GOOD_WEEKEND}, "first_year": 2025, "last_year": 2025}}}}}}"#
    );
    assert_eq!(load_err(&text).code(), "bundle.unknown_jurisdiction");
}
