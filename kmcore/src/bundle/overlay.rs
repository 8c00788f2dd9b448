//! What-if overlays: a copy of a bundle with some values replaced from a
//! date.

use chrono::NaiveDate;

use crate::bundle::file::parse_file;
use crate::bundle::validate::check_timeline;
use crate::bundle::{DatedValue, RuleBundle};
use crate::error::{KmError, Result};
use crate::limits::Limits;

impl RuleBundle {
    /// Applies a what-if overlay: every parameter the overlay gives replaces
    /// the base values from each overlay entry's `effective_from` date (to its `effective_to`
    /// date, if it has one); everything else is kept. The result's version
    /// is `base+overlay`. The base bundle is not changed.
    ///
    /// # Errors
    ///
    /// A `Bundle` error when the overlay is malformed, names a different
    /// base version in `overlay_of`, or produces an invalid timeline.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{RuleBundle, Jurisdiction, ServiceId};
    /// let base = RuleBundle::embedded().unwrap();
    /// let overlay = format!(r#"{{
    ///   "format_version": 1, "bundle_version": "car-2500", "title": "what-if",
    ///   "overlay_of": "{}",
    ///   "parameters": {{"driving_licence.permanent": {{"fee.motor_car": {{"PB": [
    ///     {{"effective_from": "2027-01-01", "rupees": 2500, "source": "what-if", "basis": "uncertain"}}
    ///   ]}}}}}}
    /// }}"#, base.version());
    /// let what_if = base.overlay("what-if.json", &overlay).unwrap();
    /// let d = |s: &str| s.parse().unwrap();
    /// let fee = |b: &RuleBundle, on| b.value(ServiceId::PermanentLicence, "fee", "motor_car", Jurisdiction::PB, on).unwrap().amount;
    /// assert_eq!(fee(&what_if, d("2027-01-01")), 2500);
    /// assert_eq!(fee(&what_if, d("2026-12-31")), fee(&base, d("2026-12-31")));
    /// ```
    pub fn overlay(&self, file_name: &str, text: &str) -> Result<RuleBundle> {
        self.overlay_within(file_name, text, Limits::DEFAULT.max_bundle_bytes)
    }

    /// [`RuleBundle::overlay`] with a size limit on the overlay's text.
    pub(crate) fn overlay_within(
        &self,
        file_name: &str,
        text: &str,
        max_bytes: usize,
    ) -> Result<RuleBundle> {
        let file = parse_file(file_name, text, max_bytes)?;
        match &file.overlay_of {
            Some(base) if base == &self.version => {}
            Some(base) => {
                return Err(KmError::bundle(
                    "bundle.overlay",
                    file_name,
                    "overlay_of",
                    format!(
                        "overlay is for bundle `{base}` but is applied to `{}`",
                        self.version
                    ),
                ));
            }
            None => {
                return Err(KmError::bundle(
                    "bundle.overlay",
                    file_name,
                    "overlay_of",
                    "a what-if overlay must name the bundle version it overlays",
                ));
            }
        }
        let version = format!("{}+{}", self.version, file.bundle_version);
        let title = file.title.clone();
        let overlay = RuleBundle::from_file(&self.schema, file_name, file)?;
        let mut merged = self.clone();
        let mut both = Vec::with_capacity(80);
        both.extend_from_slice(b"kmcore-overlay\0");
        both.extend_from_slice(&self.digest.0);
        both.extend_from_slice(&overlay.digest.0);
        merged.digest = crate::digest::sha256(&both);
        merged.version = version;
        merged.title = title;
        merged.file_name = format!("{}+{}", self.file_name, file_name);
        merged.overlay_of = Some(self.version.clone());
        for ((key, per_j), slot) in overlay
            .values
            .keys
            .into_iter()
            .zip(overlay.values.slots)
            .zip(merged.values.slots.iter_mut())
        {
            if per_j.iter().all(Vec::is_empty) {
                continue;
            }
            for (j_index, new_entries) in per_j.into_iter().enumerate() {
                if new_entries.is_empty() {
                    continue;
                }
                let Some(base) = slot.get_mut(j_index) else {
                    continue;
                };
                let mut combined = Vec::new();
                for old in base.drain(..) {
                    combined.extend(cut_out(old, &new_entries));
                }
                combined.extend(new_entries);
                let path = format!(
                    "parameters.{}.{}",
                    key.0.as_str(),
                    if key.2.is_empty() {
                        key.1.to_string()
                    } else {
                        format!("{}.{}", key.1, key.2)
                    }
                );
                check_timeline(file_name, &path, &mut combined)?;
                *base = combined;
            }
        }
        for (j, list) in overlay.holiday_list {
            if let Some(slot) = merged.holidays.get_mut(j.index()) {
                slot.extend(list.iter().map(|h| h.date));
                slot.sort_unstable();
                slot.dedup();
            }
            merged.holiday_list.entry(j).or_default().extend(list);
        }
        merged.calendars.extend(overlay.calendars);
        merged.values.index_changes();
        Ok(merged)
    }
}

/// The parts of `old` not covered by any of `new` (which are sorted and disjoint).
fn cut_out(old: DatedValue, new: &[DatedValue]) -> Vec<DatedValue> {
    let mut pieces = vec![old];
    for n in new {
        let mut next = Vec::new();
        for p in pieces {
            let p_end = p.to.unwrap_or(NaiveDate::MAX);
            let n_end = n.to.unwrap_or(NaiveDate::MAX);
            if p_end < n.from || n_end < p.from {
                next.push(p);
                continue;
            }
            if p.from < n.from {
                let mut left = p.clone();
                left.to = n.from.pred_opt();
                next.push(left);
            }
            if n_end < p_end {
                let mut right = p.clone();
                right.from = n_end.succ_opt().unwrap_or(n_end);
                next.push(right);
            }
        }
        pieces = next;
    }
    pieces
}
