//! Seals: an office signs the head of a log with Ed25519, so that a rewrite
//! by anyone without the office's secret key is caught, even one that
//! recomputes every hash of the chain.

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};

use crate::application::Application;
use crate::application::chain::push_str;
use crate::digest::Digest32;
use crate::error::{KmError, Result};

/// The longest key id, in bytes.
const MAX_KEY_ID: usize = 128;

/// An office's Ed25519 signature over the head of a log, and the id of the
/// key that made it. Stored with the log (`"seal"` in its JSON).
///
/// # Example
///
/// ```
/// use kmcore::{Actor, Application, Catalogue, Jurisdiction, ServiceId, seal_public_key};
/// let cat = Catalogue::embedded().unwrap();
/// let secret = [7u8; 32];
/// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::PB, "LR-1").unwrap();
/// app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
/// let seal = app.seal("PB-LHR-01", &secret).unwrap();
/// assert_eq!(seal.key_id, "PB-LHR-01");
/// let back = Application::from_json(cat, &app.to_json()).unwrap();
/// back.verify_seal(&seal_public_key(&secret)).unwrap();
/// ```
#[derive(
    Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Seal {
    /// The office's name for its key (for finding the public key).
    pub key_id: String,
    /// The Ed25519 signature.
    pub signature: Signature64,
}

/// A 64-byte Ed25519 signature, written as 128 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Signature64(pub [u8; 64]);

impl std::fmt::Debug for Signature64 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self}")
    }
}

impl std::fmt::Display for Signature64 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for Signature64 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Signature64 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        let bad = || serde::de::Error::custom("expected 128 lowercase hex digits");
        let bytes = text.as_bytes();
        let (Some(a), Some(b)) = (bytes.get(..64), bytes.get(64..)) else {
            return Err(bad());
        };
        let as_str = |x: &[u8]| {
            std::str::from_utf8(x)
                .ok()
                .and_then(crate::digest::parse_hex)
        };
        let (Some(lo), Some(hi)) = (as_str(a), as_str(b)) else {
            return Err(bad());
        };
        let mut out = [0u8; 64];
        for (o, b) in out.iter_mut().zip(lo.0.iter().chain(hi.0.iter())) {
            *o = *b;
        }
        Ok(Signature64(out))
    }
}

impl schemars::JsonSchema for Signature64 {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Signature64".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^[0-9a-f]{128}$" })
    }
}

/// The Ed25519 public key of a secret key (both 32 bytes), to hand to
/// whoever verifies an office's seals.
///
/// # Example
///
/// ```
/// let public = kmcore::seal_public_key(&[1u8; 32]);
/// assert_ne!(public, [1u8; 32]);
/// ```
pub fn seal_public_key(secret_key: &[u8; 32]) -> [u8; 32] {
    SigningKey::from_bytes(secret_key)
        .verifying_key()
        .to_bytes()
}

/// What a seal signs: a domain tag, the head of the chain (which binds the
/// header and every event), the number of events and the key id.
fn message(head: &Digest32, events: usize, key_id: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + key_id.len());
    out.extend_from_slice(b"kmcore-seal-v1\0");
    out.extend_from_slice(&head.0);
    out.extend_from_slice(&(events as u64).to_le_bytes());
    push_str(&mut out, key_id);
    out
}

pub(super) fn check_key_id(key_id: &str) -> Result<()> {
    if key_id.is_empty() || key_id.len() > MAX_KEY_ID || key_id.chars().any(char::is_control) {
        return Err(KmError::invalid(
            "seal.key_id",
            format!("a key id is 1 to {MAX_KEY_ID} bytes of printable text"),
        ));
    }
    Ok(())
}

impl Application {
    /// Seals the log as it stands: signs its head with the office's Ed25519
    /// secret key and stores the seal (written by [`Application::to_json`]).
    /// Applying another event removes the seal: seal again after it.
    ///
    /// # Errors
    ///
    /// `InvalidInput` (`seal.key_id`) for an empty key id, one longer than
    /// 128 bytes or with control characters.
    ///
    /// # Example
    ///
    /// See [`Seal`].
    pub fn seal(&mut self, key_id: &str, secret_key: &[u8; 32]) -> Result<&Seal> {
        check_key_id(key_id)?;
        let key = SigningKey::from_bytes(secret_key);
        let signature = key.sign(&message(&self.last_hash(), self.events.len(), key_id));
        Ok(self.seal.insert(Seal {
            key_id: key_id.to_string(),
            signature: Signature64(signature.to_bytes()),
        }))
    }

    /// The seal stored with the log, if any (not yet verified: see
    /// [`Application::verify_seal`]).
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let app = Application::new(cat, ServiceId::LostReport, Jurisdiction::PB, "LR-1").unwrap();
    /// assert!(app.seal_info().is_none());
    /// ```
    pub fn seal_info(&self) -> Option<&Seal> {
        self.seal.as_ref()
    }

    /// Checks the log's seal with the office's Ed25519 public key: any
    /// change to the header or an event, an event added or removed, or a
    /// different key id fails, even when the hash chain was recomputed.
    ///
    /// # Errors
    ///
    /// - `InvalidInput`: `seal.missing` when the log carries no seal,
    ///   `seal.key` when the public key is not a valid Ed25519 key.
    /// - `TamperedLog` (`log.seal`) when the signature does not match.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Actor, Application, Catalogue, Jurisdiction, ServiceId, seal_public_key};
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::PB, "LR-1").unwrap();
    /// app.seal("office-1", &[3u8; 32]).unwrap();
    /// app.verify_seal(&seal_public_key(&[3u8; 32])).unwrap();
    /// assert!(app.verify_seal(&seal_public_key(&[4u8; 32])).unwrap_err().is_tampered_log());
    /// app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
    /// assert_eq!(app.verify_seal(&seal_public_key(&[3u8; 32])).unwrap_err().code(), "seal.missing");
    /// ```
    pub fn verify_seal(&self, public_key: &[u8; 32]) -> Result<()> {
        let seal = self
            .seal
            .as_ref()
            .ok_or_else(|| KmError::invalid("seal.missing", "the log carries no seal"))?;
        let key = VerifyingKey::from_bytes(public_key).map_err(|_| {
            KmError::invalid("seal.key", "the public key is not a valid Ed25519 key")
        })?;
        let signature = Signature::from_bytes(&seal.signature.0);
        let index = self.events.len().saturating_sub(1) as u64;
        key.verify_strict(
            &message(&self.last_hash(), self.events.len(), &seal.key_id),
            &signature,
        )
        .map_err(|_| {
            KmError::tampered(
                "log.seal",
                index,
                format!(
                    "the seal of key `{}` does not match the log: it was rewritten or sealed by another key",
                    seal.key_id
                ),
            )
        })
    }
}
