//! A map that crosses the boundary in a fixed order.
//!
//! UniFFI carries a `HashMap` as a count followed by its entries, in the
//! order the Rust map iterates them; Kotlin reads them into a
//! `LinkedHashMap`, which keeps that order. A Rust `HashMap` iterates in an
//! order seeded at random for every map, so `Check.params` came out in a
//! different order from call to call. [`OrderedMap`] is a list of entries
//! that UniFFI sees as the very same map type (the foreign code is
//! unchanged: Kotlin `Map<K, V>`, Swift `[K: V]`) but writes in its list
//! order, so Kotlin iterates the parameters in the order the rule declares
//! them, on every call.

use std::collections::HashMap;
use std::hash::Hash;

use uniffi::{FfiConverter, Lift, Lower, MetadataBuffer, RustBuffer, TypeId};

use crate::UniFfiTag;

/// Entries in a fixed order, carried over the FFI as a map.
///
/// Built from an iterator of pairs (`collect()`); a key given twice keeps
/// both entries here, and the foreign map keeps the last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderedMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for OrderedMap<K, V> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<K: PartialEq, V> OrderedMap<K, V> {
    /// The value of the first entry with this key.
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: std::borrow::Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        self.0
            .iter()
            .find(|(k, _)| k.borrow() == key)
            .map(|(_, v)| v)
    }
}

impl<K, V> OrderedMap<K, V> {
    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K, V> FromIterator<(K, V)> for OrderedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        OrderedMap(iter.into_iter().collect())
    }
}

// SAFETY: the bytes are exactly those of UniFFI's own `HashMap<K, V>`
// converter (an `i32` count, then each key and value with their own
// converters), and the type id is that of `HashMap<K, V>`, so the generated
// foreign code, which reads and writes a map, agrees with it. Only the order
// of the entries differs, which the format leaves to the writer.
unsafe impl<K, V> FfiConverter<UniFfiTag> for OrderedMap<K, V>
where
    K: Lower<UniFfiTag> + Lift<UniFfiTag> + TypeId<UniFfiTag> + Hash + Eq,
    V: Lower<UniFfiTag> + Lift<UniFfiTag> + TypeId<UniFfiTag>,
{
    type FfiType = RustBuffer;

    fn lower(obj: Self) -> RustBuffer {
        let mut buf = Vec::new();
        <Self as FfiConverter<UniFfiTag>>::write(obj, &mut buf);
        RustBuffer::from_vec(buf)
    }

    fn try_lift(buf: RustBuffer) -> uniffi::Result<Self> {
        let vec = buf.destroy_into_vec();
        let mut slice = vec.as_slice();
        let value = <Self as FfiConverter<UniFfiTag>>::try_read(&mut slice)?;
        if !slice.is_empty() {
            uniffi::deps::anyhow::bail!("{} bytes left after a map", slice.len());
        }
        Ok(value)
    }

    fn write(obj: Self, buf: &mut Vec<u8>) {
        // As UniFFI's HashMap: at most i32::MAX entries (a check has a few).
        let len = i32::try_from(obj.0.len()).unwrap_or(i32::MAX);
        buf.extend_from_slice(&len.to_be_bytes());
        for (key, value) in obj.0.into_iter().take(usize::try_from(len).unwrap_or(0)) {
            <K as Lower<UniFfiTag>>::write(key, buf);
            <V as Lower<UniFfiTag>>::write(value, buf);
        }
    }

    fn try_read(buf: &mut &[u8]) -> uniffi::Result<Self> {
        // As UniFFI's HashMap, keeping the order the entries come in (a map
        // from the foreign side has unique keys).
        let Some((count, rest)) = buf.split_first_chunk::<4>() else {
            uniffi::deps::anyhow::bail!("a map needs 4 bytes for its length");
        };
        *buf = rest;
        let len = usize::try_from(i32::from_be_bytes(*count))?;
        let mut entries = Vec::with_capacity(len.min(64));
        for _ in 0..len {
            let key = <K as Lift<UniFfiTag>>::try_read(buf)?;
            let value = <V as Lift<UniFfiTag>>::try_read(buf)?;
            entries.push((key, value));
        }
        Ok(OrderedMap(entries))
    }

    const TYPE_ID_META: MetadataBuffer = <HashMap<K, V> as TypeId<UniFfiTag>>::TYPE_ID_META;
}

uniffi::derive_ffi_traits!(impl<K, V> Lower<UniFfiTag> for OrderedMap<K, V> where K: Lower<UniFfiTag> + Lift<UniFfiTag> + TypeId<UniFfiTag> + Hash + Eq, V: Lower<UniFfiTag> + Lift<UniFfiTag> + TypeId<UniFfiTag>);
uniffi::derive_ffi_traits!(impl<K, V> Lift<UniFfiTag> for OrderedMap<K, V> where K: Lower<UniFfiTag> + Lift<UniFfiTag> + TypeId<UniFfiTag> + Hash + Eq, V: Lower<UniFfiTag> + Lift<UniFfiTag> + TypeId<UniFfiTag>);
uniffi::derive_ffi_traits!(impl<K, V> TypeId<UniFfiTag> for OrderedMap<K, V> where K: Lower<UniFfiTag> + Lift<UniFfiTag> + TypeId<UniFfiTag> + Hash + Eq, V: Lower<UniFfiTag> + Lift<UniFfiTag> + TypeId<UniFfiTag>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_what_a_hash_map_writes_in_its_own_order() {
        let one: OrderedMap<String, String> = [("minimum".to_string(), "18 years".to_string())]
            .into_iter()
            .collect();
        let mut ours = Vec::new();
        <OrderedMap<String, String> as Lower<UniFfiTag>>::write(one.clone(), &mut ours);
        let mut theirs = Vec::new();
        <HashMap<String, String> as Lower<UniFfiTag>>::write(
            HashMap::from([("minimum".to_string(), "18 years".to_string())]),
            &mut theirs,
        );
        assert_eq!(ours, theirs);
        assert_eq!(
            <OrderedMap<String, String> as TypeId<UniFfiTag>>::TYPE_ID_META.as_ref(),
            <HashMap<String, String> as TypeId<UniFfiTag>>::TYPE_ID_META.as_ref()
        );

        // Many entries come out in list order, every time.
        let names: Vec<String> = (0..20).map(|i| format!("p{i}")).collect();
        let many: OrderedMap<String, String> = names
            .iter()
            .map(|n| (n.clone(), n.to_uppercase()))
            .collect();
        let mut bytes = Vec::new();
        <OrderedMap<String, String> as Lower<UniFfiTag>>::write(many.clone(), &mut bytes);
        let mut slice = &bytes[4..];
        for name in &names {
            assert_eq!(
                &<String as Lift<UniFfiTag>>::try_read(&mut slice).unwrap(),
                name
            );
            assert_eq!(
                <String as Lift<UniFfiTag>>::try_read(&mut slice).unwrap(),
                name.to_uppercase()
            );
        }
        assert!(slice.is_empty());

        // And read back as the same entries, in the same order.
        let lowered = <OrderedMap<String, String> as Lower<UniFfiTag>>::lower(many.clone());
        let back = <OrderedMap<String, String> as Lift<UniFfiTag>>::try_lift(lowered).unwrap();
        assert_eq!(back, many);
        assert_eq!(back.len(), 20);
        let mut short = &bytes[..bytes.len() - 1];
        assert!(<OrderedMap<String, String> as Lift<UniFfiTag>>::try_read(&mut short).is_err());
        assert!(
            <OrderedMap<String, String> as Lift<UniFfiTag>>::try_read(&mut &[0u8, 0][..]).is_err()
        );
        assert_eq!(one.get("minimum").map(String::as_str), Some("18 years"));
        assert!(OrderedMap::<String, String>::default().is_empty());
    }
}
