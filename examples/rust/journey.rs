//! A citizen's journey through a Khidmat Markaz, on the embedded default
//! rule bundle: eligibility decisions with reasons in English and Urdu, fee
//! quotes with their lines, the state after each step, and the verified
//! audit log.
//!
//! Run with `cargo run -p kmcore-examples --bin journey`.

use chrono::{DateTime, FixedOffset};
use kmcore::{
    Actor, Application, AppliedBy, Catalogue, Decision, Facts, Jurisdiction, Lang, LicenceCategory,
    Request, ServiceId,
};

fn at(s: &str) -> Result<DateTime<FixedOffset>, kmcore::KmError> {
    kmcore::calendar::parse_instant(s)
}

fn show_decision(catalogue: &Catalogue, title: &str, decision: &Decision<'_>) {
    println!("\n== {title}");
    println!(
        "   {} in {} on {} (bundle {})",
        decision.service(),
        decision.jurisdiction(),
        decision.as_of().date(),
        decision.bundle_version()
    );
    println!(
        "   eligible: {}",
        if decision.eligible() { "yes" } else { "no" }
    );
    for check in decision.checks() {
        let mark = if check.passed() { "pass" } else { "FAIL" };
        println!("   [{mark}] {}", check.code());
        println!("          en: {}", catalogue.message(check, Lang::En));
        println!("          ur: {}", catalogue.message(check, Lang::Ur));
        if let Some(rule) = check.rule_value() {
            println!(
                "          rule: {} = {} ({:?}, from {}) source: {}",
                rule.key, rule.amount, rule.basis, rule.from, rule.source
            );
        }
    }
    let quote = decision.quote();
    println!("   fee quote:");
    for line in quote.lines() {
        println!(
            "     {:<8} {:>10}   {} from {} ({})",
            line.kind.as_str(),
            line.amount.to_string(),
            line.rule.key,
            line.rule.from,
            line.rule.source
        );
    }
    match decision.fee_due() {
        Some(total) => println!("     total    {:>10}", total.to_string()),
        None => println!("     total    no fee due ({:?})", quote.status()),
    }
}

fn step(
    catalogue: &Catalogue,
    app: &mut Application,
    event: &str,
    when: &str,
    actor: Actor,
    facts: Option<Facts>,
) -> Result<(), kmcore::KmError> {
    match app.apply(catalogue, event, at(when)?, actor, facts) {
        Ok(record) => println!(
            "   {when}  {:<20} by {:<10} hash {}",
            event,
            actor.as_str(),
            &record.hash.to_string()[..12]
        ),
        Err(err) => println!("   {when}  {event:<20} refused: {err}"),
    }
    println!(
        "      state now: {}  next: {:?}",
        app.state(),
        app.allowed_events()
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let catalogue = Catalogue::embedded()?;
    println!(
        "kmcore journey on the embedded bundle `{}`: {}",
        catalogue.bundle().version(),
        catalogue.bundle().title()
    );

    // 1. Ayesha, born 29 February 2008, asks for a motorcycle learner permit
    //    in Lahore on 28 February 2026: one day short of 18.
    let mut facts = Facts {
        category: Some(LicenceCategory::Motorcycle),
        date_of_birth: Some("2008-02-29".parse()?),
        has_valid_cnic: Some(true),
        ..Facts::default()
    };
    let early = Request::on_date(
        ServiceId::LearnerPermit,
        Jurisdiction::PB,
        "2026-02-28".parse()?,
        facts.clone(),
    );
    show_decision(
        catalogue,
        "Learner permit, 28 Feb 2026",
        &catalogue.evaluate(&early)?,
    );

    // 2. She returns the next day: in a common year a 29 February birthday
    //    is reached on 1 March.
    let on_time = Request::on_date(
        ServiceId::LearnerPermit,
        Jurisdiction::PB,
        "2026-03-01".parse()?,
        facts.clone(),
    );
    show_decision(
        catalogue,
        "Learner permit, 1 Mar 2026",
        &catalogue.evaluate(&on_time)?,
    );

    println!("\n== Her learner-permit application");
    let mut permit = Application::new(
        catalogue,
        ServiceId::LearnerPermit,
        Jurisdiction::PB,
        "LHR-LP-000123",
    )?;
    println!("   state: {}", permit.state());
    step(
        catalogue,
        &mut permit,
        "issue",
        "2026-03-01T10:00:00+05:00",
        Actor::Clerk,
        None,
    )?;
    step(
        catalogue,
        &mut permit,
        "submit",
        "2026-03-01T10:02:00+05:00",
        Actor::Clerk,
        Some(facts.clone()),
    )?;
    step(
        catalogue,
        &mut permit,
        "pay_fee",
        "2026-03-01T10:06:00+05:00",
        Actor::Citizen,
        None,
    )?;
    step(
        catalogue,
        &mut permit,
        "issue",
        "2026-03-01T10:20:00+05:00",
        Actor::Clerk,
        None,
    )?;
    println!(
        "   learner permit issued on {:?}",
        permit.facts().learner_issued_on.map(|d| d.to_string())
    );

    // 2b. Six weeks later she takes the driving tests for her permanent
    //     licence. Booking is guarded by the learner-permit rules (42 days
    //     held, permit still valid); a retest by the retest wait.
    println!("\n== Her permanent motorcycle licence: tests, then the application");
    let mut licence = Application::new(
        catalogue,
        ServiceId::PermanentLicence,
        Jurisdiction::PB,
        "LHR-DL-000789",
    )?;
    let booking = Facts {
        category: Some(LicenceCategory::Motorcycle),
        learner_issued_on: permit.facts().learner_issued_on,
        ..Facts::default()
    };
    step(
        catalogue,
        &mut licence,
        "book_test",
        "2026-04-11T09:00:00+05:00",
        Actor::Clerk,
        Some(booking.clone()),
    )?;
    step(
        catalogue,
        &mut licence,
        "book_test",
        "2026-04-12T09:00:00+05:00",
        Actor::Clerk,
        Some(booking),
    )?;
    let passed_sign = Facts {
        passed_sign_test: Some(true),
        ..Facts::default()
    };
    step(
        catalogue,
        &mut licence,
        "pass_sign_test",
        "2026-04-12T10:00:00+05:00",
        Actor::Police,
        Some(passed_sign),
    )?;
    let failed_road = Facts {
        failed_test: Some(kmcore::TestKind::RoadTest),
        passed_road_test: Some(false),
        ..Facts::default()
    };
    step(
        catalogue,
        &mut licence,
        "fail_road_test",
        "2026-04-12T11:00:00+05:00",
        Actor::Police,
        Some(failed_road),
    )?;
    step(
        catalogue,
        &mut licence,
        "book_retest",
        "2026-04-20T09:00:00+05:00",
        Actor::Clerk,
        None,
    )?;
    step(
        catalogue,
        &mut licence,
        "book_retest",
        "2026-04-27T09:00:00+05:00",
        Actor::Clerk,
        None,
    )?;
    let passed_road = Facts {
        passed_road_test: Some(true),
        ..Facts::default()
    };
    step(
        catalogue,
        &mut licence,
        "pass_road_test",
        "2026-04-27T10:00:00+05:00",
        Actor::Police,
        Some(passed_road),
    )?;
    let personal = Facts {
        date_of_birth: Some("2008-02-29".parse()?),
        licence_term_years: Some(1),
        has_medical_fitness_certificate: Some(false),
        ..Facts::default()
    };
    let mut all = licence.facts().clone();
    all.merge(&personal);
    let quote = Request::on_date(
        ServiceId::PermanentLicence,
        Jurisdiction::PB,
        "2026-04-27".parse()?,
        all,
    );
    show_decision(
        catalogue,
        "Permanent licence at submission",
        &catalogue.evaluate(&quote)?,
    );
    step(
        catalogue,
        &mut licence,
        "submit",
        "2026-04-27T10:30:00+05:00",
        Actor::Clerk,
        Some(personal),
    )?;
    step(
        catalogue,
        &mut licence,
        "pay_fee",
        "2026-04-27T10:40:00+05:00",
        Actor::Citizen,
        None,
    )?;
    step(
        catalogue,
        &mut licence,
        "issue",
        "2026-04-27T12:00:00+05:00",
        Actor::Clerk,
        None,
    )?;

    // 3. Her brother, working in Dubai, needs a police character certificate:
    //    their father applies for him.
    facts = Facts {
        has_valid_cnic: Some(true),
        has_passport: Some(true),
        has_affidavit: Some(true),
        applicant_abroad: Some(true),
        applied_by: Some(AppliedBy::BloodRelative),
        has_authority_letter: Some(false),
        has_photograph: Some(true),
        ..Facts::default()
    };
    let pcc = Request::on_date(
        ServiceId::CharacterCertificateIssue,
        Jurisdiction::PB,
        "2026-03-02".parse()?,
        facts.clone(),
    );
    show_decision(
        catalogue,
        "Character certificate without the authority letter",
        &catalogue.evaluate(&pcc)?,
    );
    println!("   documents checklist:");
    for doc in catalogue.documents(&pcc) {
        println!(
            "     {:<18} {:<40} required: {:<7} supplied: {}",
            doc.id,
            format!("{} / {}", doc.name, doc.name_ur),
            match doc.required {
                Some(true) => "yes",
                Some(false) => "no",
                None => "depends",
            },
            match doc.provided {
                Some(true) => "yes",
                Some(false) => "NO",
                None => "?",
            }
        );
    }

    facts.has_authority_letter = Some(true);
    println!("\n== The character-certificate application (authority letter now attached)");
    let mut cert = Application::new(
        catalogue,
        ServiceId::CharacterCertificateIssue,
        Jurisdiction::PB,
        "LHR-CC-000456",
    )?;
    step(
        catalogue,
        &mut cert,
        "submit",
        "2026-03-02T09:30:00+05:00",
        Actor::Citizen,
        Some(facts),
    )?;
    step(
        catalogue,
        &mut cert,
        "pay_fee",
        "2026-03-02T09:35:00+05:00",
        Actor::Citizen,
        None,
    )?;
    step(
        catalogue,
        &mut cert,
        "start_verification",
        "2026-03-02T11:00:00+05:00",
        Actor::Clerk,
        None,
    )?;
    step(
        catalogue,
        &mut cert,
        "request_documents",
        "2026-03-03T12:00:00+05:00",
        Actor::Police,
        None,
    )?;
    let sla = cert.sla(catalogue, at("2026-03-05T12:00:00+05:00")?)?;
    println!(
        "   SLA on 5 Mar: target {:?} working days, clock {}, elapsed {}, paused {}, due {:?}",
        sla.target_working_days,
        sla.clock.as_str(),
        sla.elapsed_working_days,
        sla.paused_working_days,
        sla.due.map(|d| d.to_string())
    );
    step(
        catalogue,
        &mut cert,
        "provide_documents",
        "2026-03-05T15:00:00+05:00",
        Actor::Citizen,
        None,
    )?;
    step(
        catalogue,
        &mut cert,
        "clear",
        "2026-03-06T10:00:00+05:00",
        Actor::Police,
        None,
    )?;
    step(
        catalogue,
        &mut cert,
        "issue",
        "2026-03-09T10:00:00+05:00",
        Actor::Supervisor,
        None,
    )?;
    let sla = cert.sla(catalogue, at("2026-03-09T12:00:00+05:00")?)?;
    println!(
        "   SLA at issue: clock {}, elapsed {} working days, due {:?}, breached: {}",
        sla.clock.as_str(),
        sla.elapsed_working_days,
        sla.due.map(|d| d.to_string()),
        sla.breached
    );

    // 4. The audit log: serialised, restored, verified; then tampered with.
    println!("\n== Audit log of {}", cert.id());
    for e in cert.events() {
        println!(
            "   #{} {:<18} {} {:<10} bundle {} fee {:?} prev {} hash {}",
            e.seq,
            e.event,
            e.at.to_rfc3339(),
            e.actor.as_str(),
            e.bundle_version,
            e.fee_paisa,
            &e.prev_hash.to_string()[..8],
            &e.hash.to_string()[..8]
        );
    }
    let json = cert.to_json();
    let restored = Application::from_json(catalogue, &json)?;
    restored.verify()?;
    println!(
        "   log of {} bytes restored and verified: state {}",
        json.len(),
        restored.state()
    );
    let tampered = json.replacen("\"police\"", "\"clerk\"", 1);
    match Application::from_json(catalogue, &tampered) {
        Ok(_) => println!("   tampered log accepted (this must not happen)"),
        Err(err) => println!(
            "   tampered log refused: {} (event index {:?})",
            err,
            err.index()
        ),
    }
    Ok(())
}
