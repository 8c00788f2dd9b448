//! Loading a bundle: parsing, joining files, and checking every entry and
//! timeline against the parameter schema.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::bundle::file::{file_digest, parse_file};
use crate::bundle::table::ValueTable;
use crate::bundle::{
    BundleFile, DatedValue, EntryFile, FORMAT_VERSION, Holiday, JurisdictionCalendar, ParamSchema,
    RuleBundle, Unit,
};
use crate::error::{KmError, Result};
use crate::jurisdiction::Jurisdiction;
use crate::limits::Limits;
use crate::money::Money;
use crate::service::ServiceId;

impl RuleBundle {
    /// Parses and checks a bundle split over several files `(name, text)`:
    /// all must carry the same `format_version` and `bundle_version`; the
    /// first gives the title; parameters, holidays and districts are joined,
    /// and a parameter given in two files is an error.
    ///
    /// # Errors
    ///
    /// As [`RuleBundle::parse`], plus `bundle.duplicate` for a
    /// parameter, holiday list or calendar given twice and
    /// `bundle.version_mismatch`.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, RuleBundle};
    /// let embedded = RuleBundle::embedded().unwrap();
    /// let schema = embedded.schema();
    /// let main = r#"{"format_version": 1, "bundle_version": "t-1", "title": "t", "parameters": {}}"#;
    /// let fees = r#"{"format_version": 1, "bundle_version": "t-1", "title": "t", "parameters": {
    ///   "lost_report.file": {"fee.any": {"KP": [
    ///     {"effective_from": "2024-01-01", "rupees": 0, "source": "s", "basis": "confirmed"}]}}}}"#;
    /// let b = RuleBundle::parse_parts(schema, &[("main.json", main), ("fees.json", fees)]).unwrap();
    /// assert_eq!(b.file_name(), "main.json+fees.json");
    /// ```
    pub fn parse_parts(schema: &Arc<ParamSchema>, parts: &[(&str, &str)]) -> Result<RuleBundle> {
        let mut joined: Option<BundleFile> = None;
        let mut names = Vec::new();
        for (name, text) in parts {
            let file = parse_file(name, text, Limits::DEFAULT.max_bundle_bytes)?;
            names.push(*name);
            let Some(acc) = joined.as_mut() else {
                joined = Some(file);
                continue;
            };
            if file.bundle_version != acc.bundle_version
                || file.format_version != acc.format_version
            {
                return Err(KmError::bundle(
                    "bundle.version_mismatch",
                    name,
                    "bundle_version",
                    format!(
                        "`{}` does not match the first file's version `{}`",
                        file.bundle_version, acc.bundle_version
                    ),
                ));
            }
            for (service, params) in file.parameters {
                let slot = acc.parameters.entry(service.clone()).or_default();
                for (param, values) in params {
                    if slot.contains_key(&param) {
                        return Err(KmError::bundle(
                            "bundle.duplicate",
                            name,
                            format!("parameters.{service}.{param}"),
                            "this parameter is already given in another file",
                        ));
                    }
                    slot.insert(param, values);
                }
            }
            for (j, list) in file.holidays {
                if acc.holidays.contains_key(&j) {
                    return Err(KmError::bundle(
                        "bundle.duplicate",
                        name,
                        format!("holidays.{j}"),
                        "these holidays are already given in another file",
                    ));
                }
                acc.holidays.insert(j, list);
            }
            for (j, cal) in file.calendar {
                if acc.calendar.contains_key(&j) {
                    return Err(KmError::bundle(
                        "bundle.duplicate",
                        name,
                        format!("calendar.{j}"),
                        "this calendar is already given in another file",
                    ));
                }
                acc.calendar.insert(j, cal);
            }
            acc.districts.extend(file.districts);
        }
        let file = joined.ok_or_else(|| {
            KmError::bundle("bundle.shape", "(none)", "$", "no bundle files were given")
        })?;
        let name = names.join("+");
        RuleBundle::from_file(schema, &name, file)
    }

    /// Parses and checks a bundle. `file_name` is only used in error messages.
    ///
    /// # Errors
    ///
    /// A `Bundle` error naming the file, the path inside it and the problem:
    /// malformed JSON (`bundle.syntax`), an unknown or missing key
    /// (`bundle.shape`), an unknown service (`bundle.unknown_service`),
    /// parameter (`bundle.unknown_parameter`), category or variant
    /// (`bundle.unknown_variant`) or jurisdiction
    /// (`bundle.unknown_jurisdiction`), a value key that does not match the
    /// parameter's unit (`bundle.unit`), a negative value
    /// (`bundle.negative`), a value above [`MAX_AMOUNT`] (`bundle.too_large`), a range ending before it starts
    /// (`bundle.range`), overlapping (`bundle.overlap`) or gapped
    /// (`bundle.gap`) ranges, an empty source (`bundle.source`), a
    /// calendar whose weekend repeats a day or leaves no working day, or
    /// whose covered years leave out one of the jurisdiction's holidays
    /// (`bundle.calendar`), or an unsupported format version
    /// (`bundle.format_version`).
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::RuleBundle;
    /// let text = r#"{
    ///   "format_version": 1, "bundle_version": "test-1", "title": "test",
    ///   "parameters": {"driving_licence.learner_permit": {"fee.motorcycle": {"PB": [
    ///     {"effective_from": "2024-01-16", "rupees": -5, "source": "x", "basis": "confirmed"}
    ///   ]}}}
    /// }"#;
    /// let embedded = RuleBundle::embedded().unwrap();
    /// let err = RuleBundle::parse(embedded.schema(), "test.json", text).unwrap_err();
    /// assert_eq!(err.code(), "bundle.negative");
    /// assert_eq!(err.path(), Some("parameters.driving_licence.learner_permit.fee.motorcycle.PB[0].rupees"));
    /// ```
    pub fn parse(schema: &Arc<ParamSchema>, file_name: &str, text: &str) -> Result<RuleBundle> {
        let file = parse_file(file_name, text, Limits::DEFAULT.max_bundle_bytes)?;
        if file.overlay_of.is_some() {
            return Err(KmError::bundle(
                "bundle.overlay",
                file_name,
                "overlay_of",
                "this file is a what-if overlay; apply it with `RuleBundle::overlay`",
            ));
        }
        RuleBundle::from_file(schema, file_name, file)
    }

    pub(super) fn from_file(
        schema: &Arc<ParamSchema>,
        file_name: &str,
        file: BundleFile,
    ) -> Result<RuleBundle> {
        if file.format_version != FORMAT_VERSION {
            return Err(KmError::bundle(
                "bundle.format_version",
                file_name,
                "format_version",
                format!(
                    "format version {} is not supported (expected {FORMAT_VERSION})",
                    file.format_version
                ),
            ));
        }
        if file.bundle_version.trim().is_empty() {
            return Err(KmError::bundle(
                "bundle.shape",
                file_name,
                "bundle_version",
                "the bundle version must not be empty",
            ));
        }
        let digest = file_digest(&file);
        let mut values = ValueTable::new(schema);
        for (service_name, params) in &file.parameters {
            let path = format!("parameters.{service_name}");
            let service: ServiceId = service_name.parse().map_err(|_| {
                KmError::bundle(
                    "bundle.unknown_service",
                    file_name,
                    &path,
                    format!("unknown service `{service_name}`"),
                )
            })?;
            for (param_name, by_jurisdiction) in params {
                let path = format!("{path}.{param_name}");
                let (name, variant) = param_name.split_once('.').unwrap_or((param_name, ""));
                let (index, param) = schema.find(service, name).ok_or_else(|| {
                    let known: Vec<&str> = schema.params(service).iter().map(|p| p.name).collect();
                    KmError::bundle(
                        "bundle.unknown_parameter",
                        file_name,
                        &path,
                        format!(
                            "`{name}` is not a parameter of {service_name} (known: {})",
                            known.join(", ")
                        ),
                    )
                })?;
                let position = if param.variants.is_empty() && variant.is_empty() {
                    0
                } else {
                    param
                        .variants
                        .iter()
                        .position(|v| *v == variant)
                        .ok_or_else(|| {
                            KmError::bundle(
                                "bundle.unknown_variant",
                                file_name,
                                &path,
                                if param.variants.is_empty() {
                                    format!("`{name}` has no categories, but `{variant}` was given")
                                } else {
                                    format!(
                                        "unknown category `{variant}` for `{name}` (known: {})",
                                        param.variants.join(", ")
                                    )
                                },
                            )
                        })?
                };
                let slot = values
                    .slot(service, index, position)
                    .and_then(|i| values.slots.get_mut(i))
                    .ok_or_else(|| {
                        KmError::bundle(
                            "bundle.unknown_parameter",
                            file_name,
                            &path,
                            format!("`{param_name}` has no slot in the value table"),
                        )
                    })?;
                for (j_name, entries) in by_jurisdiction {
                    let path = format!("{path}.{j_name}");
                    let jurisdiction: Jurisdiction = j_name.parse().map_err(|_| {
                        KmError::bundle(
                            "bundle.unknown_jurisdiction",
                            file_name,
                            &path,
                            format!("unknown jurisdiction `{j_name}`"),
                        )
                    })?;
                    let key = format!("{service_name}.{param_name}");
                    let mut list = Vec::with_capacity(entries.len());
                    for (i, entry) in entries.iter().enumerate() {
                        let path = format!("{path}[{i}]");
                        list.push(check_entry(
                            file_name,
                            &path,
                            &key,
                            jurisdiction,
                            param.unit,
                            entry,
                        )?);
                    }
                    check_timeline(file_name, &path, &mut list)?;
                    if let Some(s) = slot.get_mut(jurisdiction.index()) {
                        *s = list;
                    }
                }
            }
        }
        let mut holidays: [Vec<NaiveDate>; 4] = Default::default();
        let mut holiday_list = BTreeMap::new();
        for (j_name, list) in &file.holidays {
            let path = format!("holidays.{j_name}");
            let jurisdiction: Jurisdiction = j_name.parse().map_err(|_| {
                KmError::bundle(
                    "bundle.unknown_jurisdiction",
                    file_name,
                    &path,
                    format!("unknown jurisdiction `{j_name}`"),
                )
            })?;
            let mut dates: Vec<NaiveDate> = list.iter().map(|h| h.date).collect();
            dates.sort_unstable();
            if let Some(w) = dates.windows(2).find(|w| w.first() == w.get(1)) {
                return Err(KmError::bundle(
                    "bundle.overlap",
                    file_name,
                    &path,
                    format!(
                        "holiday {} is listed twice",
                        w.first().copied().unwrap_or_default()
                    ),
                ));
            }
            if let Some((i, _)) = list
                .iter()
                .enumerate()
                .find(|(_, h)| h.source.trim().is_empty())
            {
                return Err(KmError::bundle(
                    "bundle.source",
                    file_name,
                    format!("{path}[{i}].source"),
                    "every holiday needs a source",
                ));
            }
            if let Some(slot) = holidays.get_mut(jurisdiction.index()) {
                *slot = dates;
            }
            holiday_list.insert(jurisdiction, list.clone());
        }
        let mut calendars = BTreeMap::new();
        for (j_name, cal) in &file.calendar {
            let path = format!("calendar.{j_name}");
            let jurisdiction: Jurisdiction = j_name.parse().map_err(|_| {
                KmError::bundle(
                    "bundle.unknown_jurisdiction",
                    file_name,
                    &path,
                    format!("unknown jurisdiction `{j_name}`"),
                )
            })?;
            check_calendar(file_name, &path, cal, holiday_list.get(&jurisdiction))?;
            calendars.insert(jurisdiction, cal.clone());
        }
        values.index_changes();
        Ok(RuleBundle {
            digest,
            schema: Arc::clone(schema),
            file_name: file_name.to_string(),
            version: file.bundle_version,
            title: file.title,
            overlay_of: file.overlay_of,
            values,
            holidays,
            holiday_list,
            calendars,
            districts: file.districts,
        })
    }
}

/// A calendar's weekend has distinct days and leaves a working day, its
/// weekend is sourced, its years run forward within the supported dates,
/// and every holiday of the jurisdiction falls in those years.
fn check_calendar(
    file_name: &str,
    path: &str,
    cal: &JurisdictionCalendar,
    holidays: Option<&Vec<Holiday>>,
) -> Result<()> {
    let mut days: Vec<u32> = cal
        .weekend
        .iter()
        .map(|d| d.num_days_from_monday())
        .collect();
    days.sort_unstable();
    days.dedup();
    if days.len() != cal.weekend.len() || days.len() >= 7 {
        return Err(KmError::bundle(
            "bundle.calendar",
            file_name,
            format!("{path}.weekend"),
            "the weekend must list distinct days and leave at least one working day",
        ));
    }
    if cal.weekend_source.trim().is_empty() {
        return Err(KmError::bundle(
            "bundle.source",
            file_name,
            format!("{path}.weekend_source"),
            "the weekend needs a source",
        ));
    }
    let Some((first, last)) = cal.covered_days().filter(|(f, l)| f <= l) else {
        return Err(KmError::bundle(
            "bundle.range",
            file_name,
            format!("{path}.last_year"),
            format!(
                "the covered years {} to {} are not a range of supported years",
                cal.first_year, cal.last_year
            ),
        ));
    };
    if let Some((i, h)) = holidays
        .into_iter()
        .flatten()
        .enumerate()
        .find(|(_, h)| h.date < first || h.date > last)
    {
        return Err(KmError::bundle(
            "bundle.calendar",
            file_name,
            format!("holidays.{}[{i}]", path.trim_start_matches("calendar.")),
            format!(
                "holiday {} is outside the covered years {} to {}",
                h.date, cal.first_year, cal.last_year
            ),
        ));
    }
    Ok(())
}

fn check_entry(
    file_name: &str,
    path: &str,
    key: &str,
    jurisdiction: Jurisdiction,
    unit: Unit,
    entry: &EntryFile,
) -> Result<DatedValue> {
    let given: Vec<(Unit, i64)> = entry
        .values()
        .into_iter()
        .filter_map(|(u, v)| v.map(|v| (u, v)))
        .collect();
    let amount = match given.as_slice() {
        [(u, v)] if *u == unit => *v,
        [(u, _)] => {
            return Err(KmError::bundle(
                "bundle.unit",
                file_name,
                format!("{path}.{}", u.as_str()),
                format!(
                    "this parameter is given in `{}`, not `{}`",
                    unit.as_str(),
                    u.as_str()
                ),
            ));
        }
        [] => {
            return Err(KmError::bundle(
                "bundle.unit",
                file_name,
                path,
                format!("the entry has no value: expected `{}`", unit.as_str()),
            ));
        }
        _ => {
            return Err(KmError::bundle(
                "bundle.unit",
                file_name,
                path,
                format!(
                    "the entry has more than one value: expected only `{}`",
                    unit.as_str()
                ),
            ));
        }
    };
    if amount < 0 {
        return Err(KmError::bundle(
            "bundle.negative",
            file_name,
            format!("{path}.{}", unit.as_str()),
            format!("a value must not be negative (got {amount})"),
        ));
    }
    if unit != Unit::Rupees && amount > MAX_AMOUNT {
        return Err(KmError::bundle(
            "bundle.too_large",
            file_name,
            format!("{path}.{}", unit.as_str()),
            format!("a value must be at most {MAX_AMOUNT} (got {amount})"),
        ));
    }
    if unit == Unit::Rupees && Money::from_rupees(amount).is_err() {
        return Err(KmError::bundle(
            "bundle.negative",
            file_name,
            format!("{path}.rupees"),
            "the amount is too large",
        ));
    }
    if let Some(to) = entry.to {
        if to < entry.from {
            return Err(KmError::bundle(
                "bundle.range",
                file_name,
                format!("{path}.effective_to"),
                format!("the range ends ({to}) before it starts ({})", entry.from),
            ));
        }
    }
    if entry
        .start_assumed
        .as_deref()
        .is_some_and(|why| why.trim().is_empty())
    {
        return Err(KmError::bundle(
            "bundle.start_assumed",
            file_name,
            format!("{path}.start_assumed"),
            "an assumed start must say why it was assumed",
        ));
    }
    if entry.source.trim().is_empty() {
        return Err(KmError::bundle(
            "bundle.source",
            file_name,
            format!("{path}.source"),
            "every value needs a source",
        ));
    }
    Ok(DatedValue {
        key: key.to_string(),
        jurisdiction,
        from: entry.from,
        to: entry.to,
        amount,
        unit,
        source: entry.source.clone(),
        basis: entry.basis,
        start_assumed: entry.start_assumed.clone(),
        note: entry.note.clone(),
        conflicts: entry.conflicts.clone(),
    })
}

/// The largest value in any unit but rupees (whose bound is [`Money`]'s):
/// far above any real period, limit or engine size, and small enough that
/// date, hour and working-day arithmetic on it cannot overflow.
pub const MAX_AMOUNT: i64 = 1_000_000;

/// Sorts a parameter's entries and rejects overlaps and gaps.
pub(super) fn check_timeline(file_name: &str, path: &str, list: &mut [DatedValue]) -> Result<()> {
    list.sort_by_key(|v| v.from);
    for pair in list.windows(2) {
        let [a, b] = pair else { continue };
        match a.to {
            None => {
                return Err(KmError::bundle(
                    "bundle.overlap",
                    file_name,
                    path,
                    format!(
                        "the value from {} has no end date but another starts on {}",
                        a.from, b.from
                    ),
                ));
            }
            Some(to) if b.from <= to => {
                return Err(KmError::bundle(
                    "bundle.overlap",
                    file_name,
                    path,
                    format!(
                        "the value from {} to {to} overlaps the value from {}",
                        a.from, b.from
                    ),
                ));
            }
            Some(to) if to.succ_opt() != Some(b.from) => {
                return Err(KmError::bundle(
                    "bundle.gap",
                    file_name,
                    path,
                    format!(
                        "no value between {to} and {}: ranges must follow each other",
                        b.from
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}
