//! Certificates and verification: the character (police clearance)
//! certificate, its validity, and general police verification.

use crate::reason::ReasonCode;

pub mod character_certificate_issue;
pub mod character_certificate_validity;
pub mod police_verification;

/// The CNIC shows a local address, or proof of residence is supplied.
pub const LOCAL_RESIDENCE: ReasonCode = ReasonCode::new("residence.local");
