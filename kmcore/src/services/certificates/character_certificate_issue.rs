//! Character certificate / police clearance certificate
//! (`character_certificate.issue`).
//!
//! PB: original CNIC, passport and an affidavit; for an applicant abroad a
//! blood relative applies with an attested authority letter and a
//! photograph. ICT: CNIC and passport, plus an Islamabad address on the CNIC
//! or proof of residence; issued only after the police station concerned
//! has verified the applicant; for an applicant abroad (optional facts in
//! ICT) an attested authority letter and a photograph, and the exit stamp's
//! copy on the checklist. KP: fee by purpose; the checklist has the
//! affidavit and 2 photographs of the 2023 manual process. SD: minimum age 18
//! (uncertain), fee not known.

use crate::decision::FeeLineKind;
use crate::facts::{AppliedBy, FactKey, Purpose};
use crate::jurisdiction::Jurisdiction::{ICT, KP, PB, SD};
use crate::reason::{ParamName, ParamValue, ReasonCode};
use crate::rules::{self, Eval};
use crate::service::{ServiceId, ServiceKind};
use crate::services::{DocumentCondition, DocumentDef, ServiceDef};
use crate::workflow::{Guard, WorkflowTable};

/// An applicant abroad applies through a blood relative; one in Pakistan applies in person.
pub const APPLIED_BY: ReasonCode = ReasonCode::new("application.applied_by");

pub use super::LOCAL_RESIDENCE;

crate::define_workflow! {
    /// The character certificate's workflow.
    workflow CharacterCertificateWorkflow for CharacterCertificateIssue;
    states {
        /// Being filled in at the counter.
        Draft = "draft",
        /// Submitted; documents checked and the fee fixed.
        Submitted = "submitted",
        /// Fee paid.
        FeePaid = "fee_paid",
        /// The police station concerned is checking records.
        UnderVerification = "under_verification",
        /// Verification asked the applicant for more documents.
        AwaitingDocuments = "awaiting_documents" [citizen],
        /// Records checked and clear.
        Verified = "verified",
        /// Certificate issued.
        Issued = "issued" [done],
        /// The certificate's validity ran out.
        Expired = "expired" [terminal],
        /// Refused after verification.
        Refused = "refused" [terminal],
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// Submit the application (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Pay the fee.
        PayFee = "pay_fee",
        /// Send to the police station for verification.
        StartVerification = "start_verification",
        /// Verification needs more from the applicant.
        RequestDocuments = "request_documents",
        /// The applicant supplies what was asked.
        ProvideDocuments = "provide_documents",
        /// Records are clear.
        Clear = "clear",
        /// Issue the certificate.
        Issue = "issue" [stamps: IssuedOn],
        /// The validity period ends.
        Expire = "expire",
        /// Refuse.
        Refuse = "refuse",
        /// The applicant withdraws.
        Withdraw = "withdraw",
    }
    transitions {
        Draft + Submit => Submitted,
        Draft + Withdraw => Withdrawn,
        Submitted + PayFee => FeePaid,
        Submitted + Withdraw => Withdrawn,
        FeePaid + StartVerification => UnderVerification,
        UnderVerification + RequestDocuments => AwaitingDocuments,
        UnderVerification + Clear => Verified,
        UnderVerification + Refuse => Refused,
        AwaitingDocuments + ProvideDocuments => UnderVerification,
        AwaitingDocuments + Withdraw => Withdrawn,
        Verified + Issue => Issued,
        Issued + Expire => Expired,
    }
}

crate::services::required_facts! {
    PB => [HasValidCnic, HasPassport, HasAffidavit, ApplicantAbroad, AppliedBy, HasAuthorityLetter, HasPhotograph],
    ICT => [HasValidCnic, HasPassport, HasLocalAddress, HasResidenceProof],
    KP => [Purpose, HasValidCnic],
    SD => [DateOfBirth, HasValidCnic],
}

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let f = ev.facts;
    rules::document(ev, "cnic", f.has_valid_cnic);
    match ev.jurisdiction {
        PB => {
            rules::document(ev, "passport", f.has_passport);
            rules::document(ev, "affidavit", f.has_affidavit);
            let abroad = f.applicant_abroad == Some(true);
            let by_relative = f.applied_by == Some(AppliedBy::BloodRelative);
            ev.check(APPLIED_BY, abroad == by_relative, |c| {
                c.param(
                    ParamName::AppliedBy,
                    ParamValue::Term(f.applied_by.map_or("", |a| a.as_str())),
                )
            });
            if abroad {
                rules::document(ev, "authority_letter", f.has_authority_letter);
                rules::document(ev, "photograph", f.has_photograph);
            }
            ev.fee_from(FeeLineKind::Base, FEE, Purpose::Local);
        }
        ICT => {
            rules::document(ev, "passport", f.has_passport);
            // For an applicant abroad a relative applies with an authority
            // letter attested by a gazetted officer and the applicant's
            // photograph (Nation, 20 Nov 2022); the facts are optional in
            // ICT, so the rule applies only when `applicant_abroad` is true.
            if f.applicant_abroad == Some(true) {
                rules::document(ev, "authority_letter", f.has_authority_letter);
                rules::document(ev, "photograph", f.has_photograph);
            }
            rules::condition(
                ev,
                LOCAL_RESIDENCE,
                f.has_local_address == Some(true) || f.has_residence_proof == Some(true),
            );
            ev.fee_from(FeeLineKind::Base, FEE, Purpose::Local);
        }
        KP => {
            let purpose = f.purpose.unwrap_or(Purpose::Local);
            ev.fee_from(FeeLineKind::Base, FEE, purpose);
        }
        SD => {
            if let Some(dob) = f.date_of_birth {
                let min = ev.require(MIN_AGE, ());
                rules::age_at_least(ev, dob, min);
            }
            ev.fee_from(FeeLineKind::Base, FEE, Purpose::Local);
        }
    }
    Ok(())
}

crate::rules::params! {
    for CharacterCertificateIssue with sla;
    /// Fee by purpose; jurisdictions without purposes use `local`.
    FEE: Rupees by Purpose = "fee";
    /// Minimum age in completed years.
    MIN_AGE: Years = "min_age";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::CharacterCertificateIssue,
    title: "Character certificate / police clearance certificate",
    title_ur: "کریکٹر سرٹیفکیٹ / پولیس کلیئرنس سرٹیفکیٹ",
    kind: ServiceKind::Application,
    offered_in: &[PB, ICT, SD, KP],
    required_facts,
    missing_facts,
    optional_facts: &[
        FactKey::ApplicantAbroad,
        FactKey::HasAuthorityLetter,
        FactKey::HasPhotograph,
    ],
    params: PARAMS,
    documents: &[
        DocumentDef {
            id: "cnic",
            provided_by: Some(FactKey::HasValidCnic),
            jurisdictions: &[PB, ICT, SD, KP],
            condition: None,
        },
        DocumentDef {
            id: "passport",
            provided_by: Some(FactKey::HasPassport),
            jurisdictions: &[PB, ICT],
            condition: None,
        },
        DocumentDef {
            id: "affidavit",
            provided_by: Some(FactKey::HasAffidavit),
            jurisdictions: &[PB],
            condition: None,
        },
        DocumentDef {
            id: "authority_letter",
            provided_by: Some(FactKey::HasAuthorityLetter),
            jurisdictions: &[PB, ICT],
            condition: Some(DocumentCondition::WhenFact(FactKey::ApplicantAbroad)),
        },
        DocumentDef {
            id: "photograph",
            provided_by: Some(FactKey::HasPhotograph),
            jurisdictions: &[PB, ICT],
            condition: Some(DocumentCondition::WhenFact(FactKey::ApplicantAbroad)),
        },
        // ICT, applicant abroad: a copy of the exit stamp (Nation, 20 Nov 2022).
        DocumentDef {
            id: "exit_stamp",
            provided_by: None,
            jurisdictions: &[ICT],
            condition: Some(DocumentCondition::WhenFact(FactKey::ApplicantAbroad)),
        },
        // KP (manual process, Nov 2023): an affidavit on stamp paper attested
        // by an oath commissioner and 2 photographs
        // (<https://joinkpkpolice.blogspot.com/2023/11/1.html?m=1>).
        DocumentDef {
            id: "affidavit",
            provided_by: None,
            jurisdictions: &[KP],
            condition: None,
        },
        DocumentDef {
            id: "photograph",
            provided_by: None,
            jurisdictions: &[KP],
            condition: None,
        },
        DocumentDef {
            id: "residence_proof",
            provided_by: Some(FactKey::HasResidenceProof),
            jurisdictions: &[ICT],
            condition: Some(DocumentCondition::UnlessFact(FactKey::HasLocalAddress)),
        },
    ],
    reasons: &[
        ReasonCode::DOCUMENT_REQUIRED,
        APPLIED_BY,
        LOCAL_RESIDENCE,
        ReasonCode::AGE_MINIMUM,
        ReasonCode::RULE_NOT_KNOWN,
    ],
    evaluate,
    workflow: Some(WorkflowTable::of::<CharacterCertificateWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalogue;
    use crate::decision::Request;
    use crate::facts::Facts;

    fn ict(abroad: Option<bool>, letter: Option<bool>, photo: Option<bool>) -> Vec<String> {
        let cat = Catalogue::embedded().unwrap();
        let facts = Facts {
            has_valid_cnic: Some(true),
            has_passport: Some(true),
            has_local_address: Some(true),
            has_residence_proof: Some(false),
            applicant_abroad: abroad,
            has_authority_letter: letter,
            has_photograph: photo,
            ..Facts::default()
        };
        let r = Request::on_date(
            ServiceId::CharacterCertificateIssue,
            ICT,
            "2025-06-01".parse().unwrap(),
            facts,
        );
        let dec = cat.evaluate(&r).unwrap();
        dec.failures().map(|c| c.code().to_string()).collect()
    }

    #[test]
    fn ict_applicant_abroad_needs_the_authority_letter_and_photograph() {
        assert!(ict(None, None, None).is_empty());
        assert!(ict(Some(false), None, None).is_empty());
        assert_eq!(
            ict(Some(true), Some(false), Some(true)),
            vec!["document.required"]
        );
        assert!(ict(Some(true), Some(true), Some(true)).is_empty());
    }

    #[test]
    fn checklists_have_the_sourced_documents() {
        let info = Catalogue::embedded()
            .unwrap()
            .service(ServiceId::CharacterCertificateIssue);
        let ids = info.document_ids(ICT);
        assert!(ids.contains(&"exit_stamp") && ids.contains(&"authority_letter"));
        let ids = info.document_ids(KP);
        assert!(ids.contains(&"affidavit") && ids.contains(&"photograph"));
    }
}
