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
        for &lang in Lang::ALL {
            if !cat.has_message(code, lang) {
                missing.push(format!("{code} ({})", lang.as_str()));
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

#[path = "support/message_samples.rs"]
mod samples;

/// Abbreviations Pakistani Urdu text writes in Latin letters.
const LATIN_IN_URDU: &[&str] = &[
    "CNIC", "NADRA", "FIR", "NTN", "FBR", "LTV", "HTV", "PSV", "SOP",
];

const LRI: char = '\u{2066}';
const PDI: char = '\u{2069}';

/// The text outside directional isolates (numbers, dates and times are
/// inside them).
fn outside_isolates(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in text.chars() {
        match c {
            LRI => depth += 1,
            PDI => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn is_urdu_letter(c: char) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{FB50}'..='\u{FEFF}').contains(&c)
}

/// What is wrong with a rendered message, if anything.
fn defects(text: &str, lang: Lang) -> Vec<String> {
    let mut found = Vec::new();
    let mut bad = |what: &str| found.push(what.to_string());
    if text.trim().is_empty() {
        bad("empty");
    }
    if text.contains('{') || text.contains('}') {
        bad("unfilled placeholder");
    }
    if text.contains('_') {
        bad("raw identifier");
    }
    if text != text.trim() {
        bad("leading or trailing space");
    }
    if text.contains("  ") {
        bad("doubled space");
    }
    for hole in [
        " .",
        " ,",
        " ;",
        " :",
        " ۔",
        " ،",
        " ؛",
        "()",
        "( )",
        "\u{2066}\u{2069}",
    ] {
        if text.contains(hole) {
            bad(&format!("hole before or inside `{hole}`"));
        }
    }
    match lang {
        Lang::En => {
            if text.chars().any(is_urdu_letter) {
                bad("Urdu letters in English");
            }
            if text.contains(LRI) || text.contains(PDI) {
                bad("directional isolate in English");
            }
            if !text.ends_with('.') {
                bad("no full stop at the end");
            }
        }
        Lang::Ur => {
            if text.matches(LRI).count() != text.matches(PDI).count() {
                bad("unbalanced isolates");
            }
            let plain = outside_isolates(text);
            if plain.chars().any(|c| c.is_ascii_digit()) {
                bad("a number outside an isolate");
            }
            for word in plain
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| !w.is_empty())
            {
                if !LATIN_IN_URDU.contains(&word) {
                    bad(&format!("Latin word `{word}` in Urdu"));
                }
            }
            for mark in ['.', ',', ';', '?'] {
                if plain.contains(mark) {
                    bad(&format!("Latin punctuation `{mark}` in Urdu"));
                }
            }
            if !text.ends_with('۔') {
                bad("no Urdu full stop at the end");
            }
        }
    }
    found
}

#[test]
fn every_message_renders_cleanly_for_every_shape_of_its_code() {
    let cat = Catalogue::embedded().unwrap();
    let mut problems = Vec::new();
    let mut rendered = 0;
    for code in cat.message_codes() {
        let Some(slots) = samples::slots(cat, code) else {
            problems.push(format!("{code}: no parameter shapes listed in the samples"));
            continue;
        };
        for params in samples::shapes(&slots) {
            for &lang in Lang::ALL {
                for passed in [true, false] {
                    let text = cat.render_message(ReasonCode::new(code), passed, &params, lang);
                    rendered += 1;
                    for d in defects(&text, lang) {
                        problems.push(format!("{code} {} {passed}: {d}: {text}", lang.as_str()));
                    }
                }
            }
        }
    }
    problems.dedup();
    assert!(rendered > 1_000, "only {rendered} messages rendered");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn clerk_notes_are_clean_and_only_where_the_code_has_texts() {
    let cat = Catalogue::embedded().unwrap();
    let mut notes = 0;
    for code in cat.message_codes() {
        let code = ReasonCode::new(code);
        let en = cat.clerk_note(code, Lang::En);
        let ur = cat.clerk_note(code, Lang::Ur);
        assert_eq!(
            en.is_some(),
            ur.is_some(),
            "{code}: a note in one language only"
        );
        if let (Some(en), Some(ur)) = (en, ur) {
            notes += 1;
            assert!(defects(&en, Lang::En).is_empty(), "{code}: {en}");
            let d: Vec<String> = defects(&ur, Lang::Ur)
                .into_iter()
                .filter(|d| !d.contains("number outside"))
                .collect();
            assert!(d.is_empty(), "{code}: {d:?}: {ur}");
        }
    }
    assert!(notes >= 4);
    // The citizen's sentence never talks about the software or its doubts.
    for code in cat.message_codes() {
        for passed in [true, false] {
            let slots = samples::slots(cat, code).unwrap_or_default();
            let params = samples::sample(&slots);
            let en = cat.render_message(ReasonCode::new(code), passed, &params, Lang::En);
            let ur = cat.render_message(ReasonCode::new(code), passed, &params, Lang::Ur);
            for word in ["library", "uncertain", "reading", "bundle", "parameter"] {
                assert!(!en.to_lowercase().contains(word), "{code}: {en}");
            }
            for word in ["لائبریری", "غیر یقینی", "تشریح", "بنڈل"] {
                assert!(!ur.contains(word), "{code}: {ur}");
            }
        }
    }
}

#[test]
fn every_code_a_service_emits_has_sample_shapes_matching_its_parameters() {
    // The samples list the parameters each code is rendered with; a check
    // the services really make must not carry a parameter they miss.
    let cat = Catalogue::embedded().unwrap();
    let mut seen = 0;
    for info in cat.services() {
        for &j in Jurisdiction::ALL {
            for date in ["2020-01-01", "2025-06-01", "2026-03-01"] {
                let mut facts = Facts::default();
                for key in info.required_facts(j) {
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
                let request = Request::on_date(info.id, j, date.parse().unwrap(), facts);
                let Ok(decision) = cat.evaluate(&request) else {
                    continue;
                };
                for check in decision.checks() {
                    let slots = samples::slots(cat, check.code().as_str())
                        .unwrap_or_else(|| panic!("{}: no sample shapes", check.code()));
                    for p in check.params() {
                        assert!(
                            slots.iter().any(|s| s.name == p.name),
                            "{}: parameter {} is not in the samples",
                            check.code(),
                            p.name
                        );
                    }
                    for &lang in Lang::ALL {
                        let text = cat.message(check, lang);
                        let d = defects(&text, lang);
                        assert!(d.is_empty(), "{}: {d:?}: {text}", check.code());
                    }
                    seen += 1;
                }
            }
        }
    }
    assert!(seen > 50, "only {seen} checks");
}

#[test]
fn the_defect_finder_catches_the_old_defects() {
    let holes = [
        (
            "اس علاقے اور تاریخ کے لیے  کی اطلاع دینے کی مقررہ مدت معلوم نہیں۔",
            Lang::Ur,
        ),
        ("جرمانہ Rs 10,000 ہے۔", Lang::Ur),
        ("تاریخ 2026-03-01 ہے۔", Lang::Ur),
        ("The value of {rule} is not known.", Lang::En),
        ("Missing: national licence .", Lang::En),
    ];
    for (text, lang) in holes {
        assert!(!defects(text, lang).is_empty(), "{text}");
    }
    assert!(defects("اصل CNIC ساتھ لائیں۔", Lang::Ur).is_empty());
}

#[test]
fn the_come_back_date_uses_the_message_date_format() {
    let cat = Catalogue::embedded().unwrap();
    let date = [kmcore::Param::new(
        "date",
        kmcore::ParamValue::Date("2026-04-12".parse().unwrap()),
    )];
    let code = ReasonCode::new("decision.come_back.test_booking");
    assert_eq!(
        cat.render_message(code, false, &date, Lang::Ur),
        "آپ \u{2066}12-04-2026\u{2069} سے ڈرائیونگ ٹیسٹ کی بکنگ کروا سکتے ہیں۔"
    );
    assert_eq!(
        cat.render_message(
            ReasonCode::new("decision.come_back"),
            false,
            &date,
            Lang::En
        ),
        "You can apply again from 12 April 2026."
    );
    for &lang in Lang::ALL {
        assert!(cat.has_message(ReasonCode::new("decision.undetermined"), lang));
    }
}

#[test]
fn listing_labels_are_in_the_listing_language() {
    for passed in [true, false] {
        assert!(Lang::En.check_label(passed).is_ascii());
        let ur = Lang::Ur.check_label(passed);
        assert!(!ur.chars().any(|c| c.is_ascii_alphabetic()), "{ur}");
    }
    assert_ne!(Lang::Ur.check_label(true), Lang::Ur.check_label(false));
}

#[test]
fn urdu_uses_the_counters_words() {
    // Calques and wrong words the messages once used, with the word that
    // replaced each: کارآمد (valid), پاکستانی ڈرائیونگ لائسنس, ایل ٹی وی /
    // ایچ ٹی وی / پی ایس وی, سائن ٹیسٹ, درخواست گزار, سگا رشتہ دار.
    let banned = [
        "درست",
        "قومی ڈرائیونگ",
        "ہلکی ٹرانسپورٹ",
        "بھاری ٹرانسپورٹ",
        "پبلک سروس گاڑی",
        "اشاراتی",
        "درخواست دہندہ",
        "خونی",
        "لائبریری",
        "تشریح غیر یقینی",
    ];
    let cat = Catalogue::embedded().unwrap();
    let mut texts = Vec::new();
    for code in cat.message_codes() {
        let slots = samples::slots(cat, code).unwrap_or_default();
        for params in samples::shapes(&slots) {
            for passed in [true, false] {
                texts.push(cat.render_message(ReasonCode::new(code), passed, &params, Lang::Ur));
            }
        }
    }
    for text in &texts {
        for word in banned {
            assert!(!text.contains(word), "`{word}` in: {text}");
        }
    }
    for (term, word) in [
        ("ltv", "ایل ٹی وی"),
        ("htv", "ایچ ٹی وی"),
        ("psv", "پی ایس وی"),
        ("sign_test", "سائن ٹیسٹ"),
        ("blood_relative", "سگا رشتہ دار"),
        ("visa", "کارآمد"),
        ("national_licence", "پاکستانی"),
    ] {
        assert!(cat.term(term, Lang::Ur).contains(word), "{term}");
    }
    // One word for the applicant.
    assert!(texts.iter().any(|t| t.contains("درخواست گزار")));
}
