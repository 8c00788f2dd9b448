//! The checked values of a bundle in one dense table.

use chrono::NaiveDate;

use crate::bundle::{DatedValue, ParamSchema};
use crate::jurisdiction::Jurisdiction;
use crate::service::ServiceId;

/// Key of a slot: service, parameter name and variant ("" when none).
pub(crate) type SlotKey = (ServiceId, &'static str, &'static str);

/// The dated values of one parameter (with one variant), per jurisdiction.
pub(crate) type PerJurisdiction = [Vec<DatedValue>; 4];

/// Every parameter's values, laid out from a [`ParamSchema`]: a service's
/// parameters take consecutive slots, one per variant (one when a
/// parameter has none), in declaration order.
///
/// A parameter is found by its service and its position in the service's
/// declaration (what a typed handle carries): two indexed reads, no names
/// compared. Lookups by name (bundle files, the public string API) scan
/// the service's declared names.
#[derive(Clone, Debug)]
pub(crate) struct ValueTable {
    /// Per service (by `ServiceId::index`), the index in `params` of its
    /// first parameter; then the end.
    first_param: Vec<usize>,
    /// Per declared parameter: its first slot and its number of slots.
    params: Vec<(usize, usize)>,
    /// The key of each slot.
    pub(crate) keys: Vec<SlotKey>,
    /// The values of each slot.
    pub(crate) slots: Vec<PerJurisdiction>,
    /// Per jurisdiction, every day on which some value starts or stops
    /// applying, sorted (see [`ValueTable::index_changes`]).
    changes: [Vec<NaiveDate>; 4],
}

impl ValueTable {
    /// An empty table laid out for every parameter of the schema.
    pub(crate) fn new(schema: &ParamSchema) -> ValueTable {
        let mut first_param = Vec::with_capacity(ServiceId::ALL.len() + 1);
        let mut params = Vec::new();
        let mut keys = Vec::new();
        for id in ServiceId::ALL {
            first_param.push(params.len());
            for p in schema.params(*id) {
                let first = keys.len();
                if p.variants.is_empty() {
                    keys.push((*id, p.name, ""));
                } else {
                    keys.extend(p.variants.iter().map(|v| (*id, p.name, *v)));
                }
                params.push((first, keys.len() - first));
            }
        }
        first_param.push(params.len());
        let slots = keys.iter().map(|_| PerJurisdiction::default()).collect();
        ValueTable {
            first_param,
            params,
            keys,
            slots,
            changes: Default::default(),
        }
    }

    /// Lists the days on which a value starts or stops applying; call it
    /// once the slots are filled (and again after they change).
    pub(crate) fn index_changes(&mut self) {
        let mut changes: [Vec<NaiveDate>; 4] = Default::default();
        for per_j in &self.slots {
            for (days, values) in changes.iter_mut().zip(per_j) {
                for v in values {
                    days.push(v.from);
                    days.extend(v.to.and_then(|to| to.succ_opt()));
                }
            }
        }
        for days in &mut changes {
            days.sort_unstable();
            days.dedup();
        }
        self.changes = changes;
    }

    /// Whether any value of the jurisdiction starts or stops applying on a
    /// day after `after`, up to `until`: when none does, every rule reads
    /// the same values on all those days.
    pub(crate) fn changes_between(
        &self,
        jurisdiction: Jurisdiction,
        after: NaiveDate,
        until: NaiveDate,
    ) -> bool {
        let days = self
            .changes
            .get(jurisdiction.index())
            .map_or(&[][..], Vec::as_slice);
        let next = days.partition_point(|d| *d <= after);
        days.get(next).is_some_and(|d| *d <= until)
    }

    /// The slot of the `param`-th declared parameter of `service` with its
    /// `variant`-th variant (0 when it has none).
    #[inline]
    pub(crate) fn slot(&self, service: ServiceId, param: usize, variant: usize) -> Option<usize> {
        let first = *self.first_param.get(service.index())?;
        let end = *self.first_param.get(service.index() + 1)?;
        let at = first + param;
        if at >= end {
            return None;
        }
        let (first_slot, count) = *self.params.get(at)?;
        (variant < count).then_some(first_slot + variant)
    }

    /// The slot of a parameter named by its text, or `None` when the
    /// schema declares no such parameter and variant.
    pub(crate) fn slot_by_name(
        &self,
        schema: &ParamSchema,
        service: ServiceId,
        name: &str,
        variant: &str,
    ) -> Option<usize> {
        let (index, def) = schema.find(service, name)?;
        let position = if def.variants.is_empty() {
            variant.is_empty().then_some(0)?
        } else {
            def.variants.iter().position(|v| *v == variant)?
        };
        self.slot(service, index, position)
    }

    /// The value in force on `date` in a slot.
    #[inline]
    pub(crate) fn value(
        &self,
        slot: usize,
        jurisdiction: Jurisdiction,
        date: NaiveDate,
    ) -> Option<&DatedValue> {
        self.slots
            .get(slot)?
            .get(jurisdiction.index())?
            .iter()
            .find(|v| v.applies_on(date))
    }

    /// Every value of a slot in a jurisdiction.
    pub(crate) fn history(&self, slot: usize, jurisdiction: Jurisdiction) -> &[DatedValue] {
        self.slots
            .get(slot)
            .and_then(|per_j| per_j.get(jurisdiction.index()))
            .map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use crate::bundle::RuleBundle;
    use crate::jurisdiction::Jurisdiction;

    /// The change index answers as a scan of every value would: some value
    /// of the jurisdiction starts, or stops the day before, in the window.
    fn scan(bundle: &RuleBundle, j: Jurisdiction, after: NaiveDate, until: NaiveDate) -> bool {
        bundle
            .all_values()
            .filter(|v| v.jurisdiction == j)
            .any(|v| {
                let starts = after < v.from && v.from <= until;
                let ends =
                    v.to.and_then(|to| to.succ_opt())
                        .is_some_and(|next| after < next && next <= until);
                starts || ends
            })
    }

    proptest! {
        #[test]
        fn the_change_index_agrees_with_a_scan(
            j in 0usize..4,
            start in 0i64..(12 * 366),
            len in 0i64..800,
        ) {
            let bundle = crate::Catalogue::embedded().unwrap().bundle();
            let j = Jurisdiction::ALL[j];
            let first = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
            let after = first + chrono::Duration::days(start);
            let until = after + chrono::Duration::days(len);
            prop_assert_eq!(
                bundle.values_change_between(j, after, until),
                scan(bundle, j, after, until)
            );
        }
    }

    #[test]
    fn a_window_holding_a_value_start_has_a_change() {
        let bundle = crate::Catalogue::embedded().unwrap().bundle();
        let v = bundle
            .all_values()
            .find(|v| v.from > NaiveDate::from_ymd_opt(2020, 1, 1).unwrap())
            .expect("a value starting after 2020");
        let before = v.from.pred_opt().unwrap();
        assert!(bundle.values_change_between(v.jurisdiction, before, v.from));
    }
}
