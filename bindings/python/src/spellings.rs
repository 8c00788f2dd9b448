//! Looking up an enum's variant by its string spelling, a cell at a time:
//! the values bucketed by length and compared a word at a time. Used by
//! `enums` (a Python string to a variant) and `columns` (Arrow string
//! cells); it depends on neither.

use kmcore::KmError;

/// A lookup of a mirrored enum by its string value, built on first use.
pub(crate) struct ByValue<M> {
    spellings: std::sync::OnceLock<Spellings<M>>,
}

impl<M: Copy + 'static> ByValue<M> {
    pub(crate) const fn new() -> Self {
        ByValue {
            spellings: std::sync::OnceLock::new(),
        }
    }

    /// The table of values (fetch it once for a column, not per cell).
    pub(crate) fn spellings(&self, all: &[M], value: fn(M) -> &'static str) -> &Spellings<M> {
        self.spellings.get_or_init(|| {
            let mut by_len: Vec<Vec<(&'static [u8], M)>> = Vec::new();
            for v in all {
                let n = value(*v).len();
                if by_len.len() <= n {
                    by_len.resize_with(n + 1, Vec::new);
                }
                if let Some(slot) = by_len.get_mut(n) {
                    slot.push((value(*v).as_bytes(), *v));
                }
            }
            Spellings { by_len }
        })
    }
}

/// An enum's values bucketed by length, so a cell costs about one
/// comparison.
pub(crate) struct Spellings<M> {
    /// By length: each value's bytes and its variant.
    by_len: Vec<Vec<(&'static [u8], M)>>,
}

impl<M: Copy> Spellings<M> {
    /// The variant whose value is spelled by `s`.
    #[inline(always)]
    pub(crate) fn lookup(&self, s: &[u8]) -> Option<M> {
        self.by_len
            .get(s.len())?
            .iter()
            .find(|(value, _)| same_bytes(value, s))
            .map(|(_, v)| *v)
    }
}

impl<M: Copy + std::str::FromStr<Err = KmError>> Spellings<M> {
    /// The variant spelled by `s`, else what the parser makes of it (an
    /// alias, or the error that names the bad value).
    #[inline(always)]
    pub(crate) fn parse(&self, s: &[u8]) -> Result<M, KmError> {
        match self.lookup(s) {
            Some(v) => Ok(v),
            None => parse_text(s),
        }
    }
}

#[cold]
#[inline(never)]
fn parse_text<M: std::str::FromStr<Err = KmError>>(s: &[u8]) -> Result<M, KmError> {
    String::from_utf8_lossy(s).parse()
}

/// Byte-string equality, inline (short strings are the common case here,
/// and a `memcmp` call costs more than they do): eight bytes at a time,
/// the last word overlapping the one before it.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        return a.iter().zip(b).all(|(p, q)| p == q);
    }
    let word = |s: &[u8], at: usize| {
        s.get(at..at + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            .map(u64::from_ne_bytes)
    };
    let mut at = 0;
    while at + 8 < n {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    word(a, n - 8) == word(b, n - 8)
}

#[cfg(test)]
mod tests {
    use super::same_bytes;

    #[test]
    fn same_bytes_agrees_with_slice_equality() {
        let base: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for n in 0..=base.len() {
            let a = &base[..n];
            assert!(same_bytes(a, a));
            // One byte changed at each position, in either slice.
            for at in 0..n {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!same_bytes(a, &b), "len {n}, byte {at}");
                assert!(!same_bytes(&b, a), "len {n}, byte {at}");
            }
            // A prefix or an extension is not equal.
            if n > 0 {
                assert!(!same_bytes(a, &base[..n - 1]));
            }
            assert_eq!(
                same_bytes(a, &base[..(n + 1).min(base.len())]),
                n == base.len()
            );
        }
    }
}
