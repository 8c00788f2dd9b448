//! Size limits on untrusted input: how large a log or a bundle file the
//! library agrees to read, so that a hostile or broken input costs a typed
//! error instead of minutes of work and gigabytes of memory.

/// Size limits on what the library reads and writes.
///
/// The defaults are far above any real application or bundle (the longest
/// workflow has a few dozen events; the embedded bundle is about 100 kB) and
/// keep the worst case to about a second of work and tens of megabytes.
/// A [`crate::Catalogue`] carries its limits ([`crate::Catalogue::with_limits`]);
/// the bundle constructors that take no catalogue use the defaults.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, Limits};
/// let cat = Catalogue::embedded().unwrap();
/// assert_eq!(cat.limits(), Limits::DEFAULT);
/// let strict = cat.with_limits(Limits { max_log_events: 10, ..Limits::DEFAULT });
/// assert_eq!(strict.limits().max_log_events, 10);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Most events in one application's log; `apply` refuses the next one
    /// (so every log the library writes can be read back) and `from_json`
    /// refuses a longer log. Code `limit.log_events`.
    pub max_log_events: usize,
    /// Most bytes of a log's JSON that `from_json` reads. Code
    /// `limit.log_bytes`.
    pub max_log_bytes: usize,
    /// Most bytes of one bundle or overlay file. Code `bundle.too_large`
    /// (a `Bundle` error).
    pub max_bundle_bytes: usize,
}

impl Limits {
    /// The defaults: 10,000 events and 16 MiB per log, 8 MiB per bundle file.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::Limits::default(), kmcore::Limits::DEFAULT);
    /// ```
    pub const DEFAULT: Limits = Limits {
        max_log_events: 10_000,
        max_log_bytes: 16 << 20,
        max_bundle_bytes: 8 << 20,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}
