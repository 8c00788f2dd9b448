//! Batch evaluation: many requests over every core, with a compact outcome
//! per row.
//!
//! A batch is evaluated by worker threads (`std::thread::scope`, one per
//! core unless told otherwise) that take blocks of rows from a shared
//! counter, so a slow block never leaves a core idle. Each worker keeps the
//! [`Request`]s of one block and reuses them for every block it handles: the
//! caller fills them through a closure, row by row ([`evaluate`]) or a
//! block at a time ([`evaluate_blocks`]), so a binding can read Arrow
//! columns straight into them without building a `Vec` of a million
//! requests. Within a block, rows are evaluated grouped by service and
//! jurisdiction, with reused check and fee-line buffers: a valid row
//! allocates nothing.
//!
//! Each row's outcome is a [`RowOutcome`]: eligible or not, the fee due in
//! paisa (or none), the fee status, the reason codes of the failed checks,
//! the documents missing, or the error that made the row invalid. A bad row
//! never aborts the batch; its error is kept with the row.
//!
//! # Example
//!
//! ```
//! use kmcore::batch::{self, BatchOptions};
//! use kmcore::calendar::parse_date;
//! use kmcore::{Catalogue, Jurisdiction, LicenceCategory, ServiceId, AsOf};
//!
//! let cat = Catalogue::embedded()?;
//! // Two columns, as a binding would hold them.
//! let born = ["2000-01-01", "2010-06-30", "1985-13-31"];
//! let cnic = [Some(true), Some(false), None];
//! let out = batch::evaluate(cat, born.len(), &BatchOptions::new(), |i, r| {
//!     r.service = ServiceId::LearnerPermit;
//!     r.jurisdiction = Jurisdiction::PB;
//!     r.as_of = AsOf::Date(parse_date("2026-03-01")?);
//!     r.facts.category = Some(LicenceCategory::Motorcycle);
//!     // A bad value fails only its row.
//!     r.facts.date_of_birth = Some(parse_date(born[i])?);
//!     r.facts.has_valid_cnic = cnic[i];
//!     Ok(())
//! });
//! assert_eq!(out.len(), 3);
//! let first = out.get(0).unwrap();
//! assert!(first.eligible());
//! assert_eq!(first.fee_due_paisa(), Some(50_000));
//! let second = out.get(1).unwrap();
//! assert!(!second.eligible());
//! assert_eq!(second.failed_codes().collect::<Vec<_>>(), ["age.minimum", "document.required"]);
//! assert_eq!(second.missing_documents(), ["cnic"]);
//! let third = out.get(2).unwrap();
//! assert_eq!(third.error().map(|e| e.code()), Some("date.invalid"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::num::NonZeroUsize;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use chrono::NaiveDate;

use crate::bundle::Basis;
use crate::catalogue::{Catalogue, ServiceRules, check_as_of, come_back, run_rules_for};
use crate::decision::{FeeStatus, Outcome, Request};
use crate::error::{ErrorKind, KmError, Result};
use crate::facts::FactKey;
use crate::facts::Facts;
use crate::jurisdiction::Jurisdiction;
use crate::money::Money;
use crate::reason::{ParamValue, ReasonCode};
use crate::rules::Eval;
use crate::service::ServiceId;

/// Most rows a worker takes at a time: 2,048 requests (192 bytes each, 384 KiB)
/// stay in a core's cache from being written to being evaluated.
const MAX_BLOCK_ROWS: usize = 2048;
/// Fewest rows a worker takes at a time (below this, sharing costs more
/// than it saves).
const MIN_BLOCK_ROWS: usize = 64;

/// How a batch is run.
///
/// # Example
///
/// ```
/// use kmcore::batch::BatchOptions;
/// let all = BatchOptions::new();
/// assert!(all.thread_count(1_000_000) >= 1);
/// let one = BatchOptions::new().threads(1);
/// assert_eq!(one.thread_count(1_000_000), 1);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchOptions {
    threads: Option<NonZeroUsize>,
}

impl BatchOptions {
    /// Every core ([`std::thread::available_parallelism`]).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::batch::BatchOptions::new(), Default::default());
    /// ```
    pub fn new() -> BatchOptions {
        BatchOptions::default()
    }

    /// At most `n` worker threads; `0` means every core. One thread runs
    /// on the calling thread without spawning.
    ///
    /// # Example
    ///
    /// ```
    /// let opts = kmcore::batch::BatchOptions::new().threads(2);
    /// assert_eq!(opts.thread_count(1_000_000), 2);
    /// assert_eq!(opts.thread_count(10), 1);
    /// ```
    pub fn threads(mut self, n: usize) -> BatchOptions {
        self.threads = NonZeroUsize::new(n);
        self
    }

    /// The number of threads a batch of `rows` rows would use: the
    /// requested number (or the cores), but never more than there are
    /// blocks of rows to share.
    ///
    /// # Example
    ///
    /// ```
    /// let opts = kmcore::batch::BatchOptions::new().threads(8);
    /// assert_eq!(opts.thread_count(0), 1);
    /// ```
    pub fn thread_count(&self, rows: usize) -> usize {
        let wanted = self
            .threads
            .or_else(|| std::thread::available_parallelism().ok())
            .map_or(1, NonZeroUsize::get);
        wanted.min(rows.div_ceil(MIN_BLOCK_ROWS)).max(1)
    }
}

/// One row's outcome, packed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Row {
    /// The fee total in paisa when the fee status is `Known`.
    fee_paisa: i64,
    /// Start of this row's failed codes in its block's list.
    failed_start: u32,
    /// Start of this row's missing documents in its block's list.
    missing_start: u32,
    /// How many failed codes the row has.
    failed_len: u16,
    /// How many documents the row misses.
    missing_len: u16,
    /// One of the `STATUS_*` constants.
    status: u8,
    /// The outcome (`Eligible` for an invalid row's default, never read).
    outcome: Outcome,
    /// A value used is not confirmed.
    uncertain: bool,
    /// The row has a come-back date or missing facts, kept in its block's
    /// `rare` list: few rows have them, and a row of 24 bytes instead of
    /// 40 is 15 MB less memory written per million rows.
    has_rare: bool,
}

/// What few rows have: a come-back date, facts still needed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Rare {
    /// The come-back date of a row refused for time alone.
    eligible_from: Option<NaiveDate>,
    /// The required facts not given, one bit per `FactKey`.
    missing_facts: u64,
}

impl Row {
    /// A row not (or not successfully) evaluated.
    const INVALID: Row = Row {
        fee_paisa: 0,
        failed_start: 0,
        missing_start: 0,
        failed_len: 0,
        missing_len: 0,
        status: STATUS_ERROR,
        outcome: Outcome::Refused,
        uncertain: false,
        has_rare: false,
    };
}

const STATUS_ERROR: u8 = 0;
const STATUS_KNOWN: u8 = 1;
const STATUS_NOT_KNOWN: u8 = 2;
const STATUS_NOT_CHARGED: u8 = 3;

/// The outcomes of a block of consecutive rows. Rows are evaluated grouped
/// by service and jurisdiction, not in row order, so each row records where
/// its failed codes and missing documents start in the block's lists.
#[derive(Clone, Debug, Default, PartialEq)]
struct Block {
    rows: Vec<Row>,
    failed: Vec<ReasonCode>,
    missing: Vec<&'static str>,
    /// Errors of invalid rows: (row within the block, error), in row order.
    errors: Vec<(u32, KmError)>,
    /// The rare parts of the rows that have them: (row within the block,
    /// parts), in row order.
    rare: Vec<(u32, Rare)>,
}

impl Block {
    fn with_rows(rows: usize) -> Block {
        Block {
            rows: vec![Row::INVALID; rows],
            failed: Vec::with_capacity(rows),
            missing: Vec::new(),
            errors: Vec::new(),
            rare: Vec::new(),
        }
    }

    /// Puts the errors and rare parts in row order (rows are evaluated
    /// grouped by service).
    fn sort(&mut self) {
        self.errors.sort_unstable_by_key(|(r, _)| *r);
        self.rare.sort_unstable_by_key(|(r, _)| *r);
    }

    /// The lengths of the lists, before a row is evaluated.
    fn mark(&self) -> (usize, usize) {
        (self.failed.len(), self.missing.len())
    }

    /// Marks row `local` invalid, dropping anything its evaluation added to
    /// the lists since `mark`.
    fn set_error(&mut self, local: usize, mark: (usize, usize), error: KmError) {
        self.failed.truncate(mark.0);
        self.missing.truncate(mark.1);
        let local = u32::try_from(local).unwrap_or(u32::MAX);
        if self.rare.last().is_some_and(|(r, _)| *r == local) {
            self.rare.pop();
        }
        if let Some(row) = self.rows.get_mut(local as usize) {
            *row = Row::INVALID;
        }
        self.errors.push((local, error));
    }

    /// The outcome of row `local`.
    fn outcome(&self, local: usize) -> Option<RowOutcome<'_>> {
        Some(self.outcome_of(self.rows.get(local)?, local))
    }

    /// The outcome of `row`, the block's row `local`.
    #[inline]
    fn outcome_of<'a>(&'a self, row: &Row, local: usize) -> RowOutcome<'a> {
        let error = if row.status == STATUS_ERROR {
            of_row(&self.errors, local)
        } else {
            None
        };
        let rare = if row.has_rare {
            of_row(&self.rare, local).copied().unwrap_or_default()
        } else {
            Rare::default()
        };
        RowOutcome {
            row: *row,
            rare,
            failed: self
                .failed
                .get(span(row.failed_start, row.failed_len))
                .unwrap_or(&[]),
            missing: self
                .missing
                .get(span(row.missing_start, row.missing_len))
                .unwrap_or(&[]),
            error,
        }
    }
}

/// The entry of block row `local` in a list kept in row order (a block's
/// errors or rare parts).
fn of_row<T>(list: &[(u32, T)], local: usize) -> Option<&T> {
    let local = u32::try_from(local).ok()?;
    let k = list.binary_search_by_key(&local, |(r, _)| *r).ok()?;
    list.get(k).map(|(_, entry)| entry)
}

/// The rows of a batch in order, walked block by block.
struct Rows<'a> {
    blocks: std::slice::Iter<'a, Block>,
    /// The block being walked, its rows not yet given, and the next row's
    /// index in it.
    block: Option<&'a Block>,
    rows: std::slice::Iter<'a, Row>,
    local: usize,
    left: usize,
}

impl<'a> Iterator for Rows<'a> {
    type Item = RowOutcome<'a>;

    #[inline]
    fn next(&mut self) -> Option<RowOutcome<'a>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        loop {
            if let (Some(block), Some(row)) = (self.block, self.rows.next()) {
                self.local += 1;
                return Some(block.outcome_of(row, self.local - 1));
            }
            let Some(block) = self.blocks.next() else {
                // Only if a worker lost blocks: rows without an outcome.
                return Some(RowOutcome::MISSING);
            };
            self.block = Some(block);
            self.rows = block.rows.iter();
            self.local = 0;
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Rows<'_> {}

fn end<T>(list: &[T]) -> u32 {
    u32::try_from(list.len()).unwrap_or(u32::MAX)
}

/// The outcomes of a batch, one per row, in row order.
///
/// Reason codes and missing documents of all rows are kept in a few flat
/// lists (one per block of rows) rather than one list per row, so a batch of
/// a million rows costs about 24 bytes per row plus its failures.
///
/// # Example
///
/// ```
/// use kmcore::batch::{self, BatchOptions};
/// use kmcore::{Catalogue, Facts, Jurisdiction, Request, ServiceId};
/// let cat = Catalogue::embedded().unwrap();
/// let requests = vec![Request::on_date(ServiceId::LostReport, Jurisdiction::KP,
///     "2025-05-01".parse().unwrap(), Facts::default()); 3];
/// let out = batch::evaluate_requests(cat, &requests, &BatchOptions::new());
/// assert_eq!(out.len(), 3);
/// assert_eq!(out.iter().count(), 3);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BatchOutcome {
    blocks: Vec<Block>,
    block_rows: usize,
    len: usize,
}

impl BatchOutcome {
    /// The number of rows.
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{AsOf, Catalogue, Jurisdiction, LicenceCategory, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// # let on = AsOf::Date("2026-03-01".parse().unwrap());
    /// // Row 0 passes, row 1 is too young and has no CNIC, row 2 has a bad date.
    /// let out = batch::evaluate(cat, 3, &BatchOptions::new(), |i, r| {
    ///     r.service = ServiceId::LearnerPermit;
    ///     r.jurisdiction = Jurisdiction::PB;
    ///     r.as_of = on;
    ///     r.facts.category = Some(LicenceCategory::Motorcycle);
    ///     r.facts.date_of_birth = Some(kmcore::calendar::parse_date(["2000-01-01", "2012-01-01", "2000-13-01"][i])?);
    ///     r.facts.has_valid_cnic = [Some(true), Some(false), None][i];
    ///     Ok(())
    /// });
    /// assert_eq!(out.len(), 3);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the batch had no rows.
    ///
    /// # Example
    ///
    /// ```
    /// let cat = kmcore::Catalogue::embedded().unwrap();
    /// let out = kmcore::batch::evaluate_requests(cat, &[], &Default::default());
    /// assert!(out.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Row `i`'s outcome, or `None` past the end.
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{AsOf, Catalogue, Jurisdiction, LicenceCategory, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// # let on = AsOf::Date("2026-03-01".parse().unwrap());
    /// // Row 0 passes, row 1 is too young and has no CNIC, row 2 has a bad date.
    /// let out = batch::evaluate(cat, 3, &BatchOptions::new(), |i, r| {
    ///     r.service = ServiceId::LearnerPermit;
    ///     r.jurisdiction = Jurisdiction::PB;
    ///     r.as_of = on;
    ///     r.facts.category = Some(LicenceCategory::Motorcycle);
    ///     r.facts.date_of_birth = Some(kmcore::calendar::parse_date(["2000-01-01", "2012-01-01", "2000-13-01"][i])?);
    ///     r.facts.has_valid_cnic = [Some(true), Some(false), None][i];
    ///     Ok(())
    /// });
    /// assert!(out.get(0).unwrap().eligible());
    /// assert!(out.get(3).is_none());
    /// ```
    pub fn get(&self, i: usize) -> Option<RowOutcome<'_>> {
        let block = self.blocks.get(i.checked_div(self.block_rows)?)?;
        block.outcome(i % self.block_rows)
    }

    /// Every row's outcome, in row order.
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{AsOf, Catalogue, Jurisdiction, LicenceCategory, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// # let on = AsOf::Date("2026-03-01".parse().unwrap());
    /// // Row 0 passes, row 1 is too young and has no CNIC, row 2 has a bad date.
    /// let out = batch::evaluate(cat, 3, &BatchOptions::new(), |i, r| {
    ///     r.service = ServiceId::LearnerPermit;
    ///     r.jurisdiction = Jurisdiction::PB;
    ///     r.as_of = on;
    ///     r.facts.category = Some(LicenceCategory::Motorcycle);
    ///     r.facts.date_of_birth = Some(kmcore::calendar::parse_date(["2000-01-01", "2012-01-01", "2000-13-01"][i])?);
    ///     r.facts.has_valid_cnic = [Some(true), Some(false), None][i];
    ///     Ok(())
    /// });
    /// let eligible: Vec<bool> = out.iter().map(|row| row.eligible()).collect();
    /// assert_eq!(eligible, [true, false, false]);
    /// ```
    pub fn iter(&self) -> impl ExactSizeIterator<Item = RowOutcome<'_>> + '_ {
        Rows {
            blocks: self.blocks.iter(),
            block: None,
            rows: [].iter(),
            local: 0,
            left: self.len,
        }
    }

    /// The number of rows whose every check passed.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::batch::{self, BatchOptions};
    /// use kmcore::{Catalogue, Facts, Jurisdiction, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let ok = Request::on_date(ServiceId::LostReport, Jurisdiction::KP, "2025-05-01".parse().unwrap(), Facts::default());
    /// let out = batch::evaluate_requests(cat, &[ok.clone(), ok], &BatchOptions::new());
    /// assert_eq!(out.eligible_count(), 2);
    /// assert_eq!(out.error_count(), 0);
    /// ```
    pub fn eligible_count(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| {
                b.rows
                    .iter()
                    .filter(|r| r.status != STATUS_ERROR && r.outcome == Outcome::Eligible)
                    .count()
            })
            .sum()
    }

    /// The number of invalid rows.
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{AsOf, Catalogue, Jurisdiction, LicenceCategory, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// # let on = AsOf::Date("2026-03-01".parse().unwrap());
    /// // Row 0 passes, row 1 is too young and has no CNIC, row 2 has a bad date.
    /// let out = batch::evaluate(cat, 3, &BatchOptions::new(), |i, r| {
    ///     r.service = ServiceId::LearnerPermit;
    ///     r.jurisdiction = Jurisdiction::PB;
    ///     r.as_of = on;
    ///     r.facts.category = Some(LicenceCategory::Motorcycle);
    ///     r.facts.date_of_birth = Some(kmcore::calendar::parse_date(["2000-01-01", "2012-01-01", "2000-13-01"][i])?);
    ///     r.facts.has_valid_cnic = [Some(true), Some(false), None][i];
    ///     Ok(())
    /// });
    /// assert_eq!(out.error_count(), 1);
    /// ```
    pub fn error_count(&self) -> usize {
        self.blocks.iter().map(|b| b.errors.len()).sum()
    }

    /// The invalid rows and their errors, in row order.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::batch::{self, BatchOptions};
    /// use kmcore::{Catalogue, Facts, Jurisdiction, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// // A certificate issued on the last day chrono knows: its validity
    /// // runs past the calendar.
    /// let facts = Facts { issued_on: Some(chrono::NaiveDate::MAX), ..Facts::default() };
    /// let bad = Request::on_date(ServiceId::CharacterCertificateValidity, Jurisdiction::PB, "2025-05-01".parse().unwrap(), facts);
    /// let out = batch::evaluate_requests(cat, &[bad], &BatchOptions::new());
    /// let (row, err) = out.errors().next().unwrap();
    /// assert_eq!(row, 0);
    /// assert!(err.is_invalid_input());
    /// ```
    pub fn errors(&self) -> impl Iterator<Item = (usize, &KmError)> + '_ {
        let size = self.block_rows;
        self.blocks.iter().enumerate().flat_map(move |(b, block)| {
            block
                .errors
                .iter()
                .map(move |(r, e)| (b * size + *r as usize, e))
        })
    }
}

/// One row's outcome: a view into a [`BatchOutcome`].
///
/// # Example
///
/// ```
/// use kmcore::batch::{self, BatchOptions};
/// use kmcore::{Catalogue, Facts, FeeStatus, Jurisdiction, Request, ServiceId, Purpose};
/// let cat = Catalogue::embedded().unwrap();
/// let facts = Facts { purpose: Some(Purpose::Overseas), has_valid_cnic: Some(false), ..Facts::default() };
/// let r = Request::on_date(ServiceId::CharacterCertificateIssue, Jurisdiction::KP, "2025-05-01".parse().unwrap(), facts);
/// let out = batch::evaluate_requests(cat, &[r], &BatchOptions::new());
/// let row = out.get(0).unwrap();
/// assert!(!row.eligible() && !row.is_error());
/// assert_eq!(row.fee_due(), None);
/// assert_eq!(row.fee_status(), Some(FeeStatus::Known(kmcore::Money::from_rupees(3_000).unwrap())));
/// assert_eq!(row.failed()[0].as_str(), "document.required");
/// assert_eq!(row.missing_documents(), ["cnic"]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct RowOutcome<'a> {
    row: Row,
    rare: Rare,
    failed: &'a [ReasonCode],
    missing: &'a [&'static str],
    error: Option<&'a KmError>,
}

/// Two outcomes are equal when they say the same (where their lists are
/// stored does not matter).
impl PartialEq for RowOutcome<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.outcome() == other.outcome()
            && self.rare == other.rare
            && self.row.uncertain == other.row.uncertain
            && self.fee_status() == other.fee_status()
            && self.failed == other.failed
            && self.missing == other.missing
            && self.error == other.error
    }
}

impl<'a> RowOutcome<'a> {
    const MISSING: RowOutcome<'static> = RowOutcome {
        row: Row::INVALID,
        rare: Rare {
            eligible_from: None,
            missing_facts: 0,
        },
        failed: &[],
        missing: &[],
        error: None,
    };

    /// True when the outcome is eligible (false for a refused or
    /// undetermined row, and for an invalid row).
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{AsOf, Catalogue, Jurisdiction, LicenceCategory, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// # let on = AsOf::Date("2026-03-01".parse().unwrap());
    /// // Row 0 passes, row 1 is too young and has no CNIC, row 2 has a bad date.
    /// let out = batch::evaluate(cat, 3, &BatchOptions::new(), |i, r| {
    ///     r.service = ServiceId::LearnerPermit;
    ///     r.jurisdiction = Jurisdiction::PB;
    ///     r.as_of = on;
    ///     r.facts.category = Some(LicenceCategory::Motorcycle);
    ///     r.facts.date_of_birth = Some(kmcore::calendar::parse_date(["2000-01-01", "2012-01-01", "2000-13-01"][i])?);
    ///     r.facts.has_valid_cnic = [Some(true), Some(false), None][i];
    ///     Ok(())
    /// });
    /// assert!(out.get(0).unwrap().eligible());
    /// assert!(!out.get(1).unwrap().eligible());
    /// assert!(!out.get(2).unwrap().eligible());
    /// ```
    pub fn eligible(&self) -> bool {
        self.row.status != STATUS_ERROR && self.row.outcome == Outcome::Eligible
    }

    /// The row's outcome, or `None` for an invalid row.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::batch::{self, BatchOptions};
    /// use kmcore::{Catalogue, FactKey, Facts, Jurisdiction, LicenceCategory, Outcome, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let on = "2026-03-01".parse().unwrap();
    /// let young = Facts {
    ///     category: Some(LicenceCategory::Motorcycle),
    ///     date_of_birth: Some("2008-07-15".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let no_dob = Facts { category: Some(LicenceCategory::Motorcycle), ..Facts::default() };
    /// let rows = [
    ///     Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, on, young),
    ///     Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, on, no_dob),
    /// ];
    /// let out = batch::evaluate_requests(cat, &rows, &BatchOptions::new());
    /// let refused = out.get(0).unwrap();
    /// assert_eq!(refused.outcome(), Some(Outcome::Refused));
    /// assert_eq!(refused.eligible_from().map(|d| d.to_string()), Some("2026-07-15".into()));
    /// let unknown = out.get(1).unwrap();
    /// assert_eq!(unknown.outcome(), Some(Outcome::Undetermined));
    /// assert!(unknown.missing_facts().any(|k| k == FactKey::DateOfBirth));
    /// ```
    pub fn outcome(&self) -> Option<Outcome> {
        (self.row.status != STATUS_ERROR).then_some(self.row.outcome)
    }

    /// The come-back date of a row refused only by rules time will pass, as
    /// [`crate::Decision::eligible_from`].
    ///
    /// # Example
    ///
    /// See [`RowOutcome::outcome`].
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{Catalogue, Facts, Jurisdiction, Request, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// let r = Request::on_date(ServiceId::LostReport, Jurisdiction::KP, "2025-05-01".parse().unwrap(), Facts::default());
    /// assert_eq!(batch::evaluate_requests(cat, &[r], &BatchOptions::new()).get(0).unwrap().eligible_from(), None);
    /// ```
    pub fn eligible_from(&self) -> Option<NaiveDate> {
        self.rare.eligible_from
    }

    /// The required facts the row did not give (its outcome is then
    /// undetermined).
    ///
    /// # Example
    ///
    /// See [`RowOutcome::outcome`].
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{Catalogue, Facts, Jurisdiction, Request, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// let r = Request::on_date(ServiceId::LostReport, Jurisdiction::KP, "2025-05-01".parse().unwrap(), Facts::default());
    /// assert_eq!(batch::evaluate_requests(cat, &[r], &BatchOptions::new()).get(0).unwrap().missing_facts().count(), 0);
    /// ```
    pub fn missing_facts(&self) -> impl Iterator<Item = FactKey> + '_ {
        FactKey::in_set(self.rare.missing_facts)
    }

    /// `Uncertain` when a value the row used is not confirmed, as
    /// [`crate::Decision::basis`]; `None` for an invalid row.
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{Catalogue, Facts, Jurisdiction, Request, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// let r = Request::on_date(ServiceId::LostReport, Jurisdiction::KP, "2025-05-01".parse().unwrap(), Facts::default());
    /// let single = cat.evaluate(&r).unwrap().basis();
    /// assert_eq!(batch::evaluate_requests(cat, &[r], &BatchOptions::new()).get(0).unwrap().basis(), Some(single));
    /// ```
    pub fn basis(&self) -> Option<Basis> {
        (self.row.status != STATUS_ERROR).then_some(if self.row.uncertain {
            Basis::Uncertain
        } else {
            Basis::Confirmed
        })
    }

    /// The fee to pay: the total when eligible and known, as for
    /// [`crate::Decision::fee_due`].
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{AsOf, Catalogue, Jurisdiction, LicenceCategory, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// # let on = AsOf::Date("2026-03-01".parse().unwrap());
    /// // Row 0 passes, row 1 is too young and has no CNIC, row 2 has a bad date.
    /// let out = batch::evaluate(cat, 3, &BatchOptions::new(), |i, r| {
    ///     r.service = ServiceId::LearnerPermit;
    ///     r.jurisdiction = Jurisdiction::PB;
    ///     r.as_of = on;
    ///     r.facts.category = Some(LicenceCategory::Motorcycle);
    ///     r.facts.date_of_birth = Some(kmcore::calendar::parse_date(["2000-01-01", "2012-01-01", "2000-13-01"][i])?);
    ///     r.facts.has_valid_cnic = [Some(true), Some(false), None][i];
    ///     Ok(())
    /// });
    /// assert_eq!(out.get(0).unwrap().fee_due().map(|m| m.to_string()), Some("Rs 500".into()));
    /// assert_eq!(out.get(1).unwrap().fee_due(), None);
    /// ```
    pub fn fee_due(&self) -> Option<Money> {
        self.fee_due_paisa().map(Money::from_paisa)
    }

    /// The fee to pay in paisa (what a table column holds), or `None`.
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{AsOf, Catalogue, Jurisdiction, LicenceCategory, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// # let on = AsOf::Date("2026-03-01".parse().unwrap());
    /// // Row 0 passes, row 1 is too young and has no CNIC, row 2 has a bad date.
    /// let out = batch::evaluate(cat, 3, &BatchOptions::new(), |i, r| {
    ///     r.service = ServiceId::LearnerPermit;
    ///     r.jurisdiction = Jurisdiction::PB;
    ///     r.as_of = on;
    ///     r.facts.category = Some(LicenceCategory::Motorcycle);
    ///     r.facts.date_of_birth = Some(kmcore::calendar::parse_date(["2000-01-01", "2012-01-01", "2000-13-01"][i])?);
    ///     r.facts.has_valid_cnic = [Some(true), Some(false), None][i];
    ///     Ok(())
    /// });
    /// assert_eq!(out.get(0).unwrap().fee_due_paisa(), Some(50_000));
    /// ```
    pub fn fee_due_paisa(&self) -> Option<i64> {
        (self.eligible() && self.row.status == STATUS_KNOWN).then_some(self.row.fee_paisa)
    }

    /// The quote's status (known even when a check failed), or `None` for
    /// an invalid row.
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{AsOf, Catalogue, Jurisdiction, LicenceCategory, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// # let on = AsOf::Date("2026-03-01".parse().unwrap());
    /// // Row 0 passes, row 1 is too young and has no CNIC, row 2 has a bad date.
    /// let out = batch::evaluate(cat, 3, &BatchOptions::new(), |i, r| {
    ///     r.service = ServiceId::LearnerPermit;
    ///     r.jurisdiction = Jurisdiction::PB;
    ///     r.as_of = on;
    ///     r.facts.category = Some(LicenceCategory::Motorcycle);
    ///     r.facts.date_of_birth = Some(kmcore::calendar::parse_date(["2000-01-01", "2012-01-01", "2000-13-01"][i])?);
    ///     r.facts.has_valid_cnic = [Some(true), Some(false), None][i];
    ///     Ok(())
    /// });
    /// use kmcore::{FeeStatus, Money};
    /// let known = Some(FeeStatus::Known(Money::from_rupees(500).unwrap()));
    /// assert_eq!(out.get(1).unwrap().fee_status(), known);
    /// assert_eq!(out.get(2).unwrap().fee_status(), None);
    /// ```
    pub fn fee_status(&self) -> Option<FeeStatus> {
        match self.row.status {
            STATUS_KNOWN => Some(FeeStatus::Known(Money::from_paisa(self.row.fee_paisa))),
            STATUS_NOT_KNOWN => Some(FeeStatus::NotKnown),
            STATUS_NOT_CHARGED => Some(FeeStatus::NotCharged),
            _ => None,
        }
    }

    /// The reason codes of the checks that failed, in the order checked.
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{AsOf, Catalogue, Jurisdiction, LicenceCategory, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// # let on = AsOf::Date("2026-03-01".parse().unwrap());
    /// // Row 0 passes, row 1 is too young and has no CNIC, row 2 has a bad date.
    /// let out = batch::evaluate(cat, 3, &BatchOptions::new(), |i, r| {
    ///     r.service = ServiceId::LearnerPermit;
    ///     r.jurisdiction = Jurisdiction::PB;
    ///     r.as_of = on;
    ///     r.facts.category = Some(LicenceCategory::Motorcycle);
    ///     r.facts.date_of_birth = Some(kmcore::calendar::parse_date(["2000-01-01", "2012-01-01", "2000-13-01"][i])?);
    ///     r.facts.has_valid_cnic = [Some(true), Some(false), None][i];
    ///     Ok(())
    /// });
    /// use kmcore::ReasonCode;
    /// assert_eq!(out.get(1).unwrap().failed(), [ReasonCode::AGE_MINIMUM, ReasonCode::DOCUMENT_REQUIRED]);
    /// assert!(out.get(0).unwrap().failed().is_empty());
    /// ```
    pub fn failed(&self) -> &'a [ReasonCode] {
        self.failed
    }

    /// The failed reason codes as text.
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{AsOf, Catalogue, Jurisdiction, LicenceCategory, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// # let on = AsOf::Date("2026-03-01".parse().unwrap());
    /// // Row 0 passes, row 1 is too young and has no CNIC, row 2 has a bad date.
    /// let out = batch::evaluate(cat, 3, &BatchOptions::new(), |i, r| {
    ///     r.service = ServiceId::LearnerPermit;
    ///     r.jurisdiction = Jurisdiction::PB;
    ///     r.as_of = on;
    ///     r.facts.category = Some(LicenceCategory::Motorcycle);
    ///     r.facts.date_of_birth = Some(kmcore::calendar::parse_date(["2000-01-01", "2012-01-01", "2000-13-01"][i])?);
    ///     r.facts.has_valid_cnic = [Some(true), Some(false), None][i];
    ///     Ok(())
    /// });
    /// let codes: Vec<&str> = out.get(1).unwrap().failed_codes().collect();
    /// assert_eq!(codes, ["age.minimum", "document.required"]);
    /// ```
    pub fn failed_codes(&self) -> impl ExactSizeIterator<Item = &'static str> + 'a {
        self.failed.iter().map(|c| c.as_str())
    }

    /// The documents required but not supplied (the `document` of each
    /// failed `document.required` check), in the order checked.
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{AsOf, Catalogue, Jurisdiction, LicenceCategory, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// # let on = AsOf::Date("2026-03-01".parse().unwrap());
    /// // Row 0 passes, row 1 is too young and has no CNIC, row 2 has a bad date.
    /// let out = batch::evaluate(cat, 3, &BatchOptions::new(), |i, r| {
    ///     r.service = ServiceId::LearnerPermit;
    ///     r.jurisdiction = Jurisdiction::PB;
    ///     r.as_of = on;
    ///     r.facts.category = Some(LicenceCategory::Motorcycle);
    ///     r.facts.date_of_birth = Some(kmcore::calendar::parse_date(["2000-01-01", "2012-01-01", "2000-13-01"][i])?);
    ///     r.facts.has_valid_cnic = [Some(true), Some(false), None][i];
    ///     Ok(())
    /// });
    /// assert_eq!(out.get(1).unwrap().missing_documents(), ["cnic"]);
    /// ```
    pub fn missing_documents(&self) -> &'a [&'static str] {
        self.missing
    }

    /// True when the row could not be evaluated.
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{AsOf, Catalogue, Jurisdiction, LicenceCategory, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// # let on = AsOf::Date("2026-03-01".parse().unwrap());
    /// // Row 0 passes, row 1 is too young and has no CNIC, row 2 has a bad date.
    /// let out = batch::evaluate(cat, 3, &BatchOptions::new(), |i, r| {
    ///     r.service = ServiceId::LearnerPermit;
    ///     r.jurisdiction = Jurisdiction::PB;
    ///     r.as_of = on;
    ///     r.facts.category = Some(LicenceCategory::Motorcycle);
    ///     r.facts.date_of_birth = Some(kmcore::calendar::parse_date(["2000-01-01", "2012-01-01", "2000-13-01"][i])?);
    ///     r.facts.has_valid_cnic = [Some(true), Some(false), None][i];
    ///     Ok(())
    /// });
    /// assert!(out.get(2).unwrap().is_error());
    /// assert!(!out.get(1).unwrap().is_error());
    /// ```
    pub fn is_error(&self) -> bool {
        self.row.status == STATUS_ERROR
    }

    /// Why the row could not be evaluated: a fact the service requires was
    /// missing, the closure refused the row, the service's rules are not
    /// written yet...
    ///
    /// # Example
    ///
    /// ```
    /// # use kmcore::batch::{self, BatchOptions};
    /// # use kmcore::{AsOf, Catalogue, Jurisdiction, LicenceCategory, ServiceId};
    /// # let cat = Catalogue::embedded().unwrap();
    /// # let on = AsOf::Date("2026-03-01".parse().unwrap());
    /// // Row 0 passes, row 1 is too young and has no CNIC, row 2 has a bad date.
    /// let out = batch::evaluate(cat, 3, &BatchOptions::new(), |i, r| {
    ///     r.service = ServiceId::LearnerPermit;
    ///     r.jurisdiction = Jurisdiction::PB;
    ///     r.as_of = on;
    ///     r.facts.category = Some(LicenceCategory::Motorcycle);
    ///     r.facts.date_of_birth = Some(kmcore::calendar::parse_date(["2000-01-01", "2012-01-01", "2000-13-01"][i])?);
    ///     r.facts.has_valid_cnic = [Some(true), Some(false), None][i];
    ///     Ok(())
    /// });
    /// let err = out.get(2).unwrap().error().unwrap();
    /// assert_eq!(err.code(), "date.invalid");
    /// assert!(err.message().contains("2000-13-01"));
    /// ```
    pub fn error(&self) -> Option<&'a KmError> {
        self.error
    }
}

/// Evaluates `rows` requests under the catalogue's current bundle, on every
/// core (or as `options` says). `fill(i, request)` writes row `i` into a
/// request that each worker reuses; an error it returns becomes that row's
/// error.
///
/// The request handed to `fill` is fresh for every row (learner permit,
/// PB, 1970-01-01, no facts), so `fill` sets what the row has and nothing
/// of an earlier row leaks into it. [`evaluate_blocks`] fills a block of
/// rows at a time instead, which suits column stores.
///
/// # Example
///
/// ```
/// use kmcore::batch::{self, BatchOptions};
/// use kmcore::{AsOf, Catalogue, Jurisdiction, Purpose, ServiceId};
/// let cat = Catalogue::embedded().unwrap();
/// let purposes = [Purpose::Local, Purpose::Overseas, Purpose::GovernmentEmployee];
/// let on = AsOf::Date("2025-05-01".parse().unwrap());
/// let out = batch::evaluate(cat, 3_000, &BatchOptions::new().threads(2), |i, r| {
///     r.service = ServiceId::CharacterCertificateIssue;
///     r.jurisdiction = Jurisdiction::KP;
///     r.as_of = on;
///     r.facts.purpose = Some(purposes[i % 3]);
///     r.facts.has_valid_cnic = Some(true);
///     Ok(())
/// });
/// assert_eq!(out.eligible_count(), 3_000);
/// assert_eq!(out.get(1).unwrap().fee_due_paisa(), Some(300_000));
/// ```
pub fn evaluate<F>(
    catalogue: &Catalogue,
    rows: usize,
    options: &BatchOptions,
    fill: F,
) -> BatchOutcome
where
    F: Fn(usize, &mut Request) -> Result<()> + Sync,
{
    evaluate_blocks(catalogue, rows, options, |first, requests, errors| {
        for (k, (request, error)) in requests.iter_mut().zip(errors.iter_mut()).enumerate() {
            clear(request);
            // A panic fails its row only.
            match catch_unwind(AssertUnwindSafe(|| fill(first + k, request))) {
                Ok(Ok(())) => {}
                Ok(Err(e)) => *error = Some(e),
                Err(_) => *error = Some(panicked(first + k, "filling")),
            }
        }
    })
}

/// Evaluates `rows` requests like [`evaluate`], but written a block of
/// consecutive rows at a time: `fill_block(first, requests, errors)` writes
/// rows `first..first + requests.len()` into `requests` (in any order, for
/// example one column at a time, which keeps a column store's reads
/// sequential) and puts an error in `errors[k]` for a row it cannot build.
/// `errors` arrives all `None`.
///
/// Unlike [`evaluate`], the requests are not reset between blocks (a
/// reset would cost as much as a narrow row's evaluation): each holds what
/// an earlier block left in it, so `fill_block` must write the service,
/// jurisdiction and as-of date and every fact column it has for every row
/// (writing `None` for a null), as a column store that copies whole
/// columns does.
///
/// Blocks hold at most 2,048 rows, so a worker's requests stay in its
/// core's cache between being written and being evaluated.
///
/// # Example
///
/// ```
/// use kmcore::batch::{self, BatchOptions};
/// use kmcore::calendar::parse_date;
/// use kmcore::{AsOf, Catalogue, Jurisdiction, LicenceCategory, ServiceId};
/// let cat = Catalogue::embedded().unwrap();
/// // Two columns, as a column store holds them.
/// let born = ["2000-01-01", "2010-06-30", "not a date"];
/// let cnic = [true, false, true];
/// let on = AsOf::Date(parse_date("2026-03-01").unwrap());
/// let out = batch::evaluate_blocks(cat, 3, &BatchOptions::new(), |first, requests, errors| {
///     for r in requests.iter_mut() {
///         r.service = ServiceId::LearnerPermit;
///         r.jurisdiction = Jurisdiction::PB;
///         r.as_of = on;
///         r.facts.category = Some(LicenceCategory::Motorcycle);
///     }
///     for (k, r) in requests.iter_mut().enumerate() {
///         match parse_date(born[first + k]) {
///             Ok(d) => r.facts.date_of_birth = Some(d),
///             Err(e) => errors[k] = Some(e),
///         }
///     }
///     for (k, r) in requests.iter_mut().enumerate() {
///         r.facts.has_valid_cnic = Some(cnic[first + k]);
///     }
/// });
/// assert!(out.get(0).unwrap().eligible());
/// assert_eq!(out.get(1).unwrap().failed_codes().collect::<Vec<_>>(), ["age.minimum", "document.required"]);
/// assert!(out.get(2).unwrap().error().unwrap().is_invalid_input());
/// ```
pub fn evaluate_blocks<F>(
    catalogue: &Catalogue,
    rows: usize,
    options: &BatchOptions,
    fill_block: F,
) -> BatchOutcome
where
    F: Fn(usize, &mut [Request], &mut [Option<KmError>]) + Sync,
{
    run(catalogue, rows, options, Source::Fill(fill_block))
}

/// The request a fill starts from: learner permit, PB, 1970-01-01, no facts.
fn blank_request() -> Request {
    Request::on_date(
        ServiceId::LearnerPermit,
        Jurisdiction::PB,
        NaiveDate::default(),
        Facts::default(),
    )
}

/// Makes `request` the blank one in place (an assignment of
/// [`blank_request`] goes through the stack, see [`Facts::clear_all`]).
#[inline]
fn clear(request: &mut Request) {
    request.service = ServiceId::LearnerPermit;
    request.jurisdiction = Jurisdiction::PB;
    request.as_of = crate::AsOf::Date(NaiveDate::default());
    request.facts.clear_all();
}

/// The error `fill` returns for a row it cannot turn into a request (a null
/// where a value is needed, a value of the wrong type), so that this row,
/// and only this row, fails: kind `InvalidInput`, code `batch.input`, and
/// the message given.
///
/// # Example
///
/// ```
/// use kmcore::batch::{self, BatchOptions};
/// let cat = kmcore::Catalogue::embedded().unwrap();
/// let out = batch::evaluate(cat, 1, &BatchOptions::new(), |_, _| {
///     Err(batch::row_error("`service` is null"))
/// });
/// let err = out.get(0).unwrap().error().unwrap();
/// assert!(err.is_invalid_input());
/// assert_eq!((err.code(), err.message()), ("batch.input", "`service` is null"));
/// ```
#[doc(hidden)]
pub fn row_error(message: impl Into<String>) -> KmError {
    KmError::new(ErrorKind::InvalidInput, "batch.input", message)
}

/// Evaluates a slice of requests on every core (or as `options` says).
///
/// # Example
///
/// ```
/// use kmcore::batch::{self, BatchOptions};
/// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
/// let cat = Catalogue::embedded().unwrap();
/// let facts = Facts {
///     category: Some(LicenceCategory::MotorCar),
///     date_of_birth: Some("2000-01-01".parse().unwrap()),
///     has_valid_cnic: Some(true),
///     ..Facts::default()
/// };
/// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-01-01".parse().unwrap(), facts);
/// let out = batch::evaluate_requests(cat, &[r.clone(), r], &BatchOptions::new());
/// assert!(out.iter().all(|row| row.eligible()));
/// ```
pub fn evaluate_requests(
    catalogue: &Catalogue,
    requests: &[Request],
    options: &BatchOptions,
) -> BatchOutcome {
    run::<fn(usize, &mut [Request], &mut [Option<KmError>])>(
        catalogue,
        requests.len(),
        options,
        Source::Requests(requests),
    )
}

/// Where a batch's requests come from.
enum Source<'a, F> {
    /// Borrowed, evaluated in place.
    Requests(&'a [Request]),
    /// Written a block at a time into each worker's requests.
    Fill(F),
}

/// The shared driver: workers take blocks of rows from a shared counter.
fn run<F>(
    catalogue: &Catalogue,
    rows: usize,
    options: &BatchOptions,
    source: Source<'_, F>,
) -> BatchOutcome
where
    F: Fn(usize, &mut [Request], &mut [Option<KmError>]) + Sync,
{
    let threads = options.thread_count(rows);
    let block_rows = rows
        .div_ceil(threads.saturating_mul(8))
        .clamp(MIN_BLOCK_ROWS, MAX_BLOCK_ROWS);
    let block_count = rows.div_ceil(block_rows);
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut done: Vec<(usize, Block)> = Vec::new();
        let mut worker = Worker::new(catalogue);
        loop {
            let b = next.fetch_add(1, Ordering::Relaxed);
            if b >= block_count {
                break;
            }
            let start = b * block_rows;
            let stop = (start + block_rows).min(rows);
            done.push((b, worker.block(start..stop, &source)));
        }
        done
    };
    let mut finished: Vec<(usize, Block)> = if threads <= 1 {
        worker()
    } else {
        let results = Mutex::new(Vec::with_capacity(block_count));
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    let done = worker();
                    // A poisoned lock still holds every block pushed so far:
                    // take it rather than drop this worker's blocks.
                    results
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .extend(done);
                });
            }
        });
        results.into_inner().unwrap_or_else(PoisonError::into_inner)
    };
    finished.sort_unstable_by_key(|(b, _)| *b);
    BatchOutcome {
        blocks: finished.into_iter().map(|(_, block)| block).collect(),
        block_rows,
        len: rows,
    }
}

/// The number of (service, jurisdiction) groups rows are sorted into.
const GROUPS: usize = ServiceId::ALL.len() * Jurisdiction::ALL.len();

fn group(r: &Request) -> usize {
    r.service.index() * Jurisdiction::ALL.len() + r.jurisdiction as usize
}

/// One worker's reusable state: the requests a block is written into, the
/// rows' errors, the evaluation order and the evaluation buffers.
struct Worker<'c> {
    catalogue: &'c Catalogue,
    requests: Vec<Request>,
    errors: Vec<Option<KmError>>,
    order: Vec<u32>,
}

impl<'c> Worker<'c> {
    fn new(catalogue: &'c Catalogue) -> Worker<'c> {
        Worker {
            catalogue,
            requests: Vec::new(),
            errors: Vec::new(),
            order: Vec::new(),
        }
    }

    fn block<F>(&mut self, range: std::ops::Range<usize>, source: &Source<'_, F>) -> Block
    where
        F: Fn(usize, &mut [Request], &mut [Option<KmError>]) + Sync,
    {
        let len = range.len();
        self.errors.clear();
        self.errors.resize_with(len, || None);
        // Rows a worker wrote into its own requests are evaluated grouped by
        // service and jurisdiction: consecutive rows then take the same
        // branches through the same rules, which the processor predicts far
        // better than a random mix. Borrowed requests are evaluated in
        // order: jumping about a large slice costs more in cache misses than
        // the grouping saves (3× slower when measured).
        self.order.clear();
        let requests: &[Request] = match source {
            Source::Requests(all) => {
                let requests = all.get(range.clone()).unwrap_or(&[]);
                self.order
                    .extend((0..requests.len()).map(|k| u32::try_from(k).unwrap_or(u32::MAX)));
                requests
            }
            Source::Fill(fill) => {
                if self.requests.len() < len {
                    self.requests.resize_with(len, blank_request);
                }
                let requests = self.requests.get_mut(..len).unwrap_or(&mut []);
                let errors = &mut self.errors;
                let filled = catch_unwind(AssertUnwindSafe(|| {
                    fill(range.start, requests, errors);
                }));
                if filled.is_err() {
                    for (k, e) in self.errors.iter_mut().enumerate() {
                        *e = Some(panicked(range.start + k, "filling"));
                    }
                }
                let requests = self.requests.get(..len).unwrap_or(&[]);
                group_by_service(requests, &mut self.order);
                requests
            }
        };
        // The whole block under one panic guard (a guard per row keeps the
        // loop's state in memory and costs about a tenth of the time); if
        // anything panics, the block is evaluated again with a guard per
        // row, so only the rows that panic fail.
        let rows = BlockRows {
            catalogue: self.catalogue,
            order: &self.order,
            errors: &self.errors,
            requests,
            first: range.start,
        };
        let first_try = catch_unwind(AssertUnwindSafe(|| rows.evaluate(false)));
        let mut block = match first_try {
            Ok(block) => block,
            Err(_) => rows.evaluate(true),
        };
        block.sort();
        block
    }
}

/// The rows of one block, ready to evaluate.
struct BlockRows<'a, 'c> {
    catalogue: &'c Catalogue,
    /// The order to evaluate them in (indices into `requests`).
    order: &'a [u32],
    /// Errors found while filling them.
    errors: &'a [Option<KmError>],
    requests: &'a [Request],
    /// The batch row of `requests[0]`.
    first: usize,
}

impl<'c> BlockRows<'_, 'c> {
    /// Evaluates every row into a block; with `guard_each_row`, a row that
    /// panics gets a `batch.panic` error and the others go on. One
    /// evaluation is reset for each row, so its buffers are reused.
    fn evaluate(&self, guard_each_row: bool) -> Block {
        let mut block = Block::with_rows(self.requests.len());
        let Some(first) = self.requests.first() else {
            return block;
        };
        let mut eval = Eval::failures_only(
            self.catalogue.bundle(),
            first.service,
            first.jurisdiction,
            first.as_of,
            &first.facts,
        );
        // The rows come grouped by service and jurisdiction: the lookups
        // for a group are made once.
        let mut rules = ServiceRules::of(first.service, first.jurisdiction);
        for &k in self.order {
            let k = k as usize;
            let (Some(request), Some(error)) = (self.requests.get(k), self.errors.get(k)) else {
                continue;
            };
            let mark = block.mark();
            if let Some(e) = error {
                block.set_error(k, mark, e.clone());
                continue;
            }
            let result = if guard_each_row {
                catch_unwind(AssertUnwindSafe(|| {
                    evaluate_row(request, k, &mut eval, &mut rules, &mut block)
                }))
                .unwrap_or_else(|_| Err(panicked(self.first + k, "evaluating")))
            } else {
                // Inlined here: a closure shared by both paths is called,
                // and building its captures costs a narrow row a tenth.
                evaluate_row(request, k, &mut eval, &mut rules, &mut block)
            };
            if let Err(e) = result {
                block.set_error(k, mark, e);
            }
        }
        block
    }
}

/// Evaluates one request into row `local` of `block`, with `eval` reset for
/// it and `rules` looked up again when its group differs.
#[inline(always)]
fn evaluate_row<'b>(
    request: &'b Request,
    local: usize,
    eval: &mut Eval<'b, 'b>,
    rules: &mut ServiceRules,
    block: &mut Block,
) -> Result<()> {
    // The checks of `Catalogue::evaluate`, so a row answers as it does.
    check_as_of(request.as_of)?;
    request.facts.validate()?;
    eval.reset(
        request.service,
        request.jurisdiction,
        request.as_of,
        &request.facts,
    );
    if !rules.fit(request.service, request.jurisdiction) {
        *rules = ServiceRules::of(request.service, request.jurisdiction);
    }
    run_rules_for(eval, rules)?;
    summarise(request, eval, rules, local, block)
}

/// Puts into `order` the indices of `requests` grouped by service, then
/// jurisdiction (in the order of [`ServiceId::ALL`] and
/// [`Jurisdiction::ALL`]), each group in row order: a stable counting sort,
/// the order a batch evaluates a filled block in. A binding that writes a
/// block column by column can use it to write each column only for the
/// rows whose service reads it.
///
/// # Example
///
/// ```
/// use kmcore::batch::group_by_service;
/// use kmcore::{Facts, Jurisdiction, Request, ServiceId};
/// let on = "2026-01-01".parse().unwrap();
/// let r = |s, j| Request::on_date(s, j, on, Facts::default());
/// let rows = [
///     r(ServiceId::CharacterCertificateIssue, Jurisdiction::PB),
///     r(ServiceId::LearnerPermit, Jurisdiction::ICT),
///     r(ServiceId::LearnerPermit, Jurisdiction::PB),
///     r(ServiceId::CharacterCertificateIssue, Jurisdiction::PB),
/// ];
/// let mut order = Vec::new();
/// group_by_service(&rows, &mut order);
/// assert_eq!(order, [2, 1, 0, 3]);
/// ```
#[doc(hidden)]
pub fn group_by_service(requests: &[Request], order: &mut Vec<u32>) {
    order.clear();
    let mut counts = [0u32; GROUPS + 1];
    for r in requests {
        if let Some(c) = counts.get_mut(group(r) + 1) {
            *c += 1;
        }
    }
    for g in 1..counts.len() {
        let before = counts.get(g - 1).copied().unwrap_or(0);
        if let Some(c) = counts.get_mut(g) {
            *c += before;
        }
    }
    order.resize(requests.len(), 0);
    for (k, r) in requests.iter().enumerate() {
        if let Some(c) = counts.get_mut(group(r)) {
            if let Some(slot) = order.get_mut(*c as usize) {
                *slot = u32::try_from(k).unwrap_or(u32::MAX);
            }
            *c += 1;
        }
    }
}

fn panicked(row: usize, doing: &str) -> KmError {
    KmError::new(
        ErrorKind::Internal,
        "batch.panic",
        format!("row {row}: {doing} the row panicked"),
    )
}

/// Writes the packed outcome of a finished evaluation to row `local`. A
/// refusal that time alone lifts then looks for its come-back day with
/// `eval` as scratch, so `eval` is spent afterwards.
#[inline(always)]
fn summarise(
    request: &Request,
    eval: &mut Eval<'_, '_>,
    rules: &ServiceRules,
    local: usize,
    block: &mut Block,
) -> Result<()> {
    let failed_start = end(&block.failed);
    let missing_start = end(&block.missing);
    let (status, fee_paisa) = match eval.fee()? {
        FeeStatus::Known(m) => (STATUS_KNOWN, m.paisa()),
        FeeStatus::NotKnown => (STATUS_NOT_KNOWN, 0),
        FeeStatus::NotCharged => (STATUS_NOT_CHARGED, 0),
    };
    for check in eval.checks().iter().filter(|c| !c.passed()) {
        block.failed.push(check.code());
        if check.code() == ReasonCode::DOCUMENT_REQUIRED {
            if let Some(ParamValue::Term(doc)) = check
                .params()
                .find(|p| p.name == "document")
                .map(|p| p.value)
            {
                block.missing.push(doc);
            }
        }
    }
    let failed_len = end(&block.failed) - failed_start;
    let missing_len = end(&block.missing) - missing_start;
    let verdict = eval.verdict();
    let outcome = verdict.outcome();
    let uncertain = !verdict.uncertain.is_empty();
    let missing_facts = verdict.missing;
    let eligible_from = match (outcome, eval.come_back_candidate()) {
        (Outcome::Refused, Some(day)) => come_back(eval, rules, request.as_of.date(), day),
        _ => None,
    };
    let has_rare = eligible_from.is_some() || missing_facts != 0;
    if has_rare {
        block.rare.push((
            u32::try_from(local).unwrap_or(u32::MAX),
            Rare {
                eligible_from,
                missing_facts,
            },
        ));
    }
    if let Some(row) = block.rows.get_mut(local) {
        *row = Row {
            fee_paisa,
            failed_start,
            missing_start,
            failed_len: u16::try_from(failed_len).unwrap_or(u16::MAX),
            missing_len: u16::try_from(missing_len).unwrap_or(u16::MAX),
            status,
            outcome,
            uncertain,
            has_rare,
        };
    }
    Ok(())
}

/// The range of a row's list entries.
fn span(start: u32, len: u16) -> std::ops::Range<usize> {
    start as usize..start as usize + usize::from(len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AsOf;
    use crate::facts::LicenceCategory;

    fn fill(i: usize, r: &mut Request) -> Result<()> {
        let cats = [
            LicenceCategory::Motorcycle,
            LicenceCategory::MotorCar,
            LicenceCategory::Ltv,
        ];
        r.service = if i % 3 == 0 {
            ServiceId::CharacterCertificateIssue
        } else {
            ServiceId::LearnerPermit
        };
        r.jurisdiction = Jurisdiction::ALL[i % 4];
        r.as_of = AsOf::Date(crate::calendar::parse_date("2026-03-01")?);
        r.facts.category = Some(cats[i % 3]);
        r.facts.date_of_birth = Some(crate::calendar::add_days(
            crate::calendar::parse_date("2000-01-01")?,
            i64::try_from(i % 4000).unwrap_or(0) * 3,
        )?);
        r.facts.has_valid_cnic = Some(i % 5 != 0);
        r.facts.has_passport = Some(i % 7 != 0);
        r.facts.has_affidavit = Some(true);
        r.facts.applicant_abroad = Some(false);
        r.facts.applied_by = Some(crate::AppliedBy::SelfApplicant);
        r.facts.has_authority_letter = Some(false);
        r.facts.has_photograph = Some(false);
        r.facts.has_local_address = Some(i % 2 == 0);
        r.facts.has_residence_proof = Some(false);
        r.facts.purpose = Some(crate::Purpose::Local);
        if i % 101 == 100 {
            r.facts.has_valid_cnic = None;
        }
        if i % 211 == 210 {
            return Err(KmError::invalid("test.bad_row", "a bad row"));
        }
        Ok(())
    }

    fn requests(n: usize) -> Vec<Request> {
        (0..n)
            .map(|i| {
                let mut r = Request::on_date(
                    ServiceId::LearnerPermit,
                    Jurisdiction::PB,
                    NaiveDate::default(),
                    Facts::default(),
                );
                let _ = fill(i, &mut r);
                r
            })
            .collect()
    }

    #[test]
    fn batch_matches_one_by_one_evaluation() {
        let cat = Catalogue::embedded().unwrap();
        let n = 5_000;
        let reqs = requests(n);
        for threads in [1, 2, 3] {
            let out = evaluate(cat, n, &BatchOptions::new().threads(threads), fill);
            assert_eq!(out.len(), n);
            for (i, row) in out.iter().enumerate() {
                if i % 211 == 210 {
                    assert_eq!(row.error().map(KmError::code), Some("test.bad_row"));
                    continue;
                }
                match cat.evaluate(&reqs[i]) {
                    Ok(d) => {
                        assert!(!row.is_error(), "row {i}");
                        assert_eq!(row.eligible(), d.eligible(), "row {i}");
                        assert_eq!(row.fee_due(), d.fee_due(), "row {i}");
                        assert_eq!(row.fee_status(), Some(d.quote().status()), "row {i}");
                        let codes: Vec<ReasonCode> = d.failures().map(|c| c.code()).collect();
                        assert_eq!(row.failed(), codes.as_slice(), "row {i}");
                        let docs: Vec<&str> = d
                            .failures()
                            .filter(|c| c.code() == ReasonCode::DOCUMENT_REQUIRED)
                            .filter_map(|c| match c.params().next().map(|p| p.value) {
                                Some(ParamValue::Term(t)) => Some(t),
                                _ => None,
                            })
                            .collect();
                        assert_eq!(row.missing_documents(), docs.as_slice(), "row {i}");
                    }
                    Err(e) => assert_eq!(row.error(), Some(&e), "row {i}"),
                }
            }
            let slice = evaluate_requests(cat, &reqs, &BatchOptions::new().threads(threads));
            for (i, (a, b)) in slice.iter().zip(out.iter()).enumerate() {
                if i % 211 != 210 {
                    assert_eq!(a, b, "row {i}");
                }
            }
        }
    }

    #[test]
    fn a_panicking_row_is_an_error_and_the_batch_goes_on() {
        let cat = Catalogue::embedded().unwrap();
        let out = evaluate(cat, 300, &BatchOptions::new().threads(2), |i, r| {
            if i == 150 {
                panic!("row 150 is broken");
            }
            fill(i % 200, r)
        });
        assert_eq!(out.len(), 300);
        assert_eq!(
            out.get(150).and_then(|r| r.error()).map(KmError::code),
            Some("batch.panic")
        );
        assert!(!out.get(151).unwrap().is_error());
        assert!(out.get(300).is_none());
    }

    #[test]
    fn the_guarded_row_by_row_path_gives_the_same_block() {
        // The path taken after a panic in a block evaluates the same rows
        // to the same outcomes as the fast path.
        let cat = Catalogue::embedded().unwrap();
        let reqs = requests(700);
        let mut worker = Worker::new(cat);
        let fast = worker.block(
            0..700,
            &Source::<fn(usize, &mut [Request], &mut [Option<KmError>])>::Requests(&reqs),
        );
        let mut errors: Vec<Option<KmError>> = vec![None; 700];
        errors[5] = Some(KmError::invalid("test.bad_row", "a bad row"));
        let order: Vec<u32> = (0..700).collect();
        let rows = BlockRows {
            catalogue: cat,
            order: &order,
            errors: &errors,
            requests: &reqs,
            first: 0,
        };
        let mut slow = rows.evaluate(true);
        slow.sort();
        for k in 0..700 {
            if k == 5 {
                assert_eq!(
                    slow.outcome(k).unwrap().error().map(KmError::code),
                    Some("test.bad_row")
                );
            } else {
                assert_eq!(fast.outcome(k), slow.outcome(k), "row {k}");
            }
        }
    }

    #[test]
    fn block_fill_matches_row_fill_and_a_panic_fails_only_its_block() {
        let cat = Catalogue::embedded().unwrap();
        let n = 3_000;
        let by_row = evaluate(cat, n, &BatchOptions::new().threads(2), fill);
        let by_block = evaluate_blocks(cat, n, &BatchOptions::new().threads(2), |first, rs, es| {
            for (k, (r, e)) in rs.iter_mut().zip(es.iter_mut()).enumerate() {
                if let Err(err) = fill(first + k, r) {
                    *e = Some(err);
                }
            }
        });
        assert_eq!(by_row, by_block);
        let out = evaluate_blocks(cat, n, &BatchOptions::new().threads(1), |first, rs, es| {
            assert!(es.iter().all(Option::is_none), "errors arrive empty");
            if first == 0 {
                panic!("the first block is broken");
            }
            for (k, r) in rs.iter_mut().enumerate() {
                let _ = fill(first + k, r);
            }
        });
        let panicked: Vec<usize> = out
            .errors()
            .filter(|(_, e)| e.code() == "batch.panic")
            .map(|(i, _)| i)
            .collect();
        // Exactly the first block's rows, and no other row.
        assert!((MIN_BLOCK_ROWS..=MAX_BLOCK_ROWS).contains(&panicked.len()));
        assert!(panicked.iter().enumerate().all(|(k, i)| k == *i));
        assert!(!out.get(n - 1).unwrap().is_error());
    }

    #[test]
    fn empty_and_tiny_batches() {
        let cat = Catalogue::embedded().unwrap();
        let out = evaluate(cat, 0, &BatchOptions::new(), fill);
        assert!(out.is_empty());
        assert_eq!(out.iter().count(), 0);
        let out = evaluate(cat, 1, &BatchOptions::new().threads(4), fill);
        assert_eq!(out.len(), 1);
        assert!(out.get(0).is_some());
    }

    #[test]
    fn a_row_is_packed_in_24_bytes() {
        assert_eq!(std::mem::size_of::<Row>(), 24);
    }

    #[test]
    fn a_decision_of_few_checks_and_lines_allocates_none() {
        let cat = Catalogue::embedded().unwrap();
        for request in requests(64) {
            let d = cat.evaluate(&request).unwrap();
            assert_eq!(
                d.checks.spilled(),
                d.checks().len() > d.checks.inline_size()
            );
            assert!(!d.fee.lines_spilled());
        }
    }
}
