//! SHA-256 digests, written as lowercase hex: the hashes of a log's chain
//! and the content digest of a rule bundle.

/// A 32-byte SHA-256 digest, written as lowercase hex.
///
/// # Example
///
/// ```
/// use kmcore::{Actor, Application, Catalogue, Digest32, Jurisdiction, ServiceId};
/// let cat = Catalogue::embedded().unwrap();
/// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::PB, "LR-3").unwrap();
/// let first = app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
/// assert_ne!(first.hash, Digest32::default());
/// assert_eq!(first.hash.to_string().len(), 64);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Digest32(pub(crate) [u8; 32]);

impl Digest32 {
    /// A digest from its 32 bytes (as a store hands them back).
    ///
    /// # Example
    ///
    /// ```
    /// let d = kmcore::Digest32::from_bytes([7; 32]);
    /// assert_eq!(d.as_bytes(), &[7; 32]);
    /// assert!(d.to_string().starts_with("0707"));
    /// ```
    pub const fn from_bytes(bytes: [u8; 32]) -> Digest32 {
        Digest32(bytes)
    }

    /// The 32 bytes.
    ///
    /// # Example
    ///
    /// See [`Digest32::from_bytes`].
    ///
    /// ```
    /// assert_eq!(kmcore::Digest32::default().as_bytes(), &[0; 32]);
    /// ```
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for Digest32 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self}")
    }
}

impl std::fmt::Display for Digest32 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for Digest32 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Digest32 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse_hex(&text).ok_or_else(|| serde::de::Error::custom("expected 64 lowercase hex digits"))
    }
}

pub(crate) fn parse_hex(text: &str) -> Option<Digest32> {
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        let [hi, lo] = pair else { return None };
        *o = (nibble(*hi)? << 4) | nibble(*lo)?;
    }
    Some(Digest32(out))
}

impl schemars::JsonSchema for Digest32 {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Digest32".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^[0-9a-f]{64}$" })
    }
}

/// SHA-256 of a byte string.
pub(crate) fn sha256(bytes: &[u8]) -> Digest32 {
    use sha2::Digest as _;
    Digest32(sha2::Sha256::digest(bytes).into())
}
