//! How records and enums print in Kotlin (`toString()`) and Swift
//! (`description`) where the generated default is unreadable: `Guard`'s
//! fieldless cases are Kotlin objects that print as an object address, and
//! an `EventRecord` printed its `Facts` with every one of their fields, most
//! of them null. Both export `Display` (`#[uniffi::export(Display)]` on the
//! type) with the text written here.

use std::fmt;

use crate::application::EventRecord;
use crate::facts::Facts;
use crate::service::Guard;
use crate::time::pkt;

impl fmt::Display for Guard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Guard::Unguarded => f.write_str("Unguarded"),
            Guard::Eligibility => f.write_str("Eligibility"),
            Guard::Rules { service } => {
                let code = kmcore::ServiceId::from(*service).as_str();
                write!(f, "Rules(service={code})")
            }
        }
    }
}

impl fmt::Display for EventRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let EventRecord {
            seq,
            event,
            at,
            actor,
            bundle_version,
            bundle_digest,
            facts,
            fee_paisa,
            prev_hash,
            hash,
        } = self;
        let digest = bundle_digest.as_deref().unwrap_or("null");
        let at = crate::time::to_instant(*at)
            .map(|t| t.with_timezone(&pkt()).to_rfc3339())
            .unwrap_or_else(|_| format!("{at:?}"));
        let actor = kmcore::Actor::from(*actor);
        let fee = fee_paisa.map_or_else(|| "null".to_string(), |p| p.to_string());
        write!(
            f,
            "EventRecord(seq={seq}, event={event}, at={at}, actor={actor:?}, \
             bundleVersion={bundle_version}, bundleDigest={digest}, facts={}, feePaisa={fee}, \
             prevHash={prev_hash}, hash={hash})",
            FactsText(facts)
        )
    }
}

/// The facts that are given, as `{key=value, ...}` in dictionary order.
struct FactsText<'a>(&'a Facts);

impl fmt::Display for FactsText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let core = match kmcore::Facts::try_from(self.0.clone()) {
            Ok(core) => core,
            // Facts that came from the core always convert back; anything
            // else still prints its keys.
            Err(_) => return write!(f, "{:?}", self.0.keys()),
        };
        f.write_str("{")?;
        for (i, key) in core.keys().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}=", key.as_str())?;
            match core.get(key) {
                Some(kmcore::FactValue::Bool(b)) => write!(f, "{b}")?,
                Some(kmcore::FactValue::Integer(n)) => write!(f, "{n}")?,
                Some(kmcore::FactValue::Date(d)) => write!(f, "{d}")?,
                Some(kmcore::FactValue::Instant(t)) => f.write_str(&t.to_rfc3339())?,
                Some(kmcore::FactValue::Text(text)) => f.write_str(&text)?,
                None => f.write_str("null")?,
            }
        }
        f.write_str("}")
    }
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;
    use crate::application::{Actor, Application};
    use crate::catalogue::Catalogue;
    use crate::facts::LicenceCategory;
    use crate::service::{Jurisdiction, ServiceId};

    #[test]
    fn guards_print_their_case() {
        assert_eq!(Guard::Unguarded.to_string(), "Unguarded");
        assert_eq!(Guard::Eligibility.to_string(), "Eligibility");
        let rules = Guard::Rules {
            service: ServiceId::LearnerPermit,
        };
        assert_eq!(
            rules.to_string(),
            "Rules(service=driving_licence.learner_permit)"
        );
    }

    #[test]
    fn an_event_record_prints_only_the_facts_it_supplied() {
        let cat = Catalogue::embedded().unwrap();
        let app = Application::new(
            cat.clone(),
            ServiceId::LearnerPermit,
            Jurisdiction::PB,
            "A-1".into(),
        )
        .unwrap();
        let facts = Facts {
            category: Some(LicenceCategory::Motorcycle),
            date_of_birth: chrono::NaiveDate::from_ymd_opt(2008, 2, 29),
            has_valid_cnic: Some(true),
            ..Facts::default()
        };
        let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_772_341_200);
        let record = app
            .apply(cat, "submit".into(), at, Actor::Clerk, Some(facts))
            .unwrap();
        let text = record.to_string();
        assert!(
            text.starts_with(
                "EventRecord(seq=0, event=submit, at=2026-03-01T10:00:00+05:00, actor=Clerk, "
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "facts={date_of_birth=2008-02-29, category=motorcycle, has_valid_cnic=true}, feePaisa=50000, "
            ),
            "{text}"
        );
        assert!(!text.contains("null"), "{text}");
        assert!(text.ends_with(&format!("hash={})", record.hash)), "{text}");
    }
}
