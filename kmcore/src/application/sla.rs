//! SLA clocks in working days, with the bundle's weekend and holiday
//! calendar per jurisdiction, paused while the office waits on the citizen.
//! A due date that depends on a day outside the years the calendar covers
//! is not known.

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::application::Application;
use crate::catalogue::Catalogue;
use crate::error::{KmError, Result};
use crate::named::named_enum;

named_enum! {
    /// Where an SLA clock stands.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::ClockState::Paused.as_str(), "paused");
    /// ```
    pub enum ClockState("clock state", "clock.unknown") {
        /// The application has not been submitted yet.
        NotStarted = "not_started",
        /// The office is working on it.
        Running = "running",
        /// The office waits on the citizen.
        Paused = "paused",
        /// The service was delivered, or the application ended.
        Stopped = "stopped",
    }
}

/// An application's SLA clock at an instant.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, Application, ServiceId, Jurisdiction, Actor, Facts, AppliedBy, ClockState};
/// let cat = Catalogue::embedded().unwrap();
/// let mut app = Application::new(cat, ServiceId::CharacterCertificateIssue, Jurisdiction::PB, "CC-9").unwrap();
/// let facts = Facts { has_valid_cnic: Some(true), has_passport: Some(true), has_affidavit: Some(true),
///     applicant_abroad: Some(false), applied_by: Some(AppliedBy::SelfApplicant),
///     has_authority_letter: Some(false), has_photograph: Some(false), ..Facts::default() };
/// let t = |s: &str| s.parse().unwrap();
/// // Monday 2025-03-03.
/// app.apply(cat, "submit", t("2025-03-03T10:00:00+05:00"), Actor::Clerk, Some(facts)).unwrap();
/// let sla = app.sla(cat, t("2025-03-05T10:00:00+05:00")).unwrap();
/// assert_eq!(sla.target_working_days, Some(3));
/// assert_eq!(sla.clock, ClockState::Running);
/// assert_eq!(sla.elapsed_working_days, 2);
/// assert_eq!(sla.due.unwrap().to_string(), "2025-03-06");
/// assert!(!sla.breached && !sla.due_not_known);
/// ```
///
/// The bundle lists holidays up to 2026; a clock started on Wednesday
/// 30 December 2026 has no known due date:
///
/// ```
/// # use kmcore::{Catalogue, Application, ServiceId, Jurisdiction, Actor, Facts, AppliedBy};
/// # let cat = Catalogue::embedded().unwrap();
/// # let mut app = Application::new(cat, ServiceId::CharacterCertificateIssue, Jurisdiction::PB, "CC-10").unwrap();
/// # let facts = Facts { has_valid_cnic: Some(true), has_passport: Some(true), has_affidavit: Some(true),
/// #     applicant_abroad: Some(false), applied_by: Some(AppliedBy::SelfApplicant),
/// #     has_authority_letter: Some(false), has_photograph: Some(false), ..Facts::default() };
/// # let t = |s: &str| s.parse().unwrap();
/// app.apply(cat, "submit", t("2026-12-30T10:00:00+05:00"), Actor::Clerk, Some(facts)).unwrap();
/// let sla = app.sla(cat, t("2026-12-31T10:00:00+05:00")).unwrap();
/// assert_eq!(sla.target_working_days, Some(3));
/// assert!(sla.due_not_known && sla.due.is_none() && !sla.breached);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SlaStatus {
    /// The target in working days, when the bundle has one for the service.
    pub target_working_days: Option<i64>,
    /// The source of the target.
    pub target_source: Option<String>,
    /// The day the clock started (submission).
    pub started_on: Option<NaiveDate>,
    /// Working days the clock ran.
    pub elapsed_working_days: i64,
    /// Working days the clock was paused (waiting on the citizen).
    pub paused_working_days: i64,
    /// The last working day that meets the target, pauses added; `None`
    /// when the service has no target or the date is not known (see
    /// `due_not_known`).
    pub due: Option<NaiveDate>,
    /// True when the service has a target but its due date is not known:
    /// counting the target's working days from the day of submission,
    /// pauses added, runs over a day outside the years the bundle's
    /// calendar covers for the jurisdiction (their holidays are not
    /// listed). `due` is then `None` and `breached` false.
    pub due_not_known: bool,
    /// The day the clock stopped, if it has.
    pub stopped_on: Option<NaiveDate>,
    /// Where the clock stands now.
    pub clock: ClockState,
    /// True when the target was (or is now) missed; false when it was not,
    /// or when the due date is not known.
    pub breached: bool,
}

/// Adds two counts of working days, refusing an overflow.
fn add_days(a: i64, b: i64) -> Result<i64> {
    a.checked_add(b).ok_or_else(|| {
        KmError::invalid(
            "sla.out_of_range",
            format!("{a} + {b} working days is out of range"),
        )
    })
}

pub(crate) fn status(
    catalogue: &Catalogue,
    app: &Application,
    now: DateTime<FixedOffset>,
) -> Result<SlaStatus> {
    let events = app.events();
    crate::calendar::check_instant(&now)?;
    if let Some(last) = events.last() {
        if now < last.at {
            return Err(KmError::invalid(
                "sla.time_order",
                "`now` is before the application's last event",
            ));
        }
    }
    let table = catalogue.workflow(app.service()).ok_or_else(|| {
        KmError::invalid(
            "service.no_workflow",
            format!("{} has no workflow", app.service()),
        )
    })?;
    let states = app.state_at_each_event()?;
    // The clock is priced like the fee: under the bundle of the submission.
    let bundle = events
        .first()
        .and_then(|e| catalogue.bundle_by_version(&e.bundle_version))
        .unwrap_or_else(|| catalogue.bundle());
    let calendar = bundle.working_calendar(app.jurisdiction());
    let started_on = events.first().map(|e| e.at.date_naive());
    let target =
        started_on.and_then(|d| bundle.value(app.service(), "sla", "", app.jurisdiction(), d));
    let mut elapsed = 0;
    let mut paused = 0;
    let mut stopped_on = None;
    let mut clock = ClockState::NotStarted;
    for (i, (ev, state)) in events.iter().zip(&states).enumerate() {
        let flags = table
            .states()
            .get(*state)
            .map(|s| s.flags)
            .unwrap_or_default();
        let seg_start = ev.at.date_naive();
        let seg_end = events.get(i + 1).map_or(now, |n| n.at).date_naive();
        clock = if flags.terminal || flags.done {
            ClockState::Stopped
        } else if flags.waits_on_citizen {
            ClockState::Paused
        } else {
            ClockState::Running
        };
        match clock {
            ClockState::Stopped => {
                stopped_on = Some(seg_start);
                break;
            }
            ClockState::Paused => {
                paused = add_days(paused, calendar.working_days_between(seg_start, seg_end))?;
            }
            ClockState::Running => {
                elapsed = add_days(elapsed, calendar.working_days_between(seg_start, seg_end))?;
            }
            ClockState::NotStarted => {}
        }
    }
    let (due, due_not_known) = match (started_on, target) {
        (Some(start), Some(t)) => {
            let days = u32::try_from(add_days(t.amount, paused)?).unwrap_or(u32::MAX);
            let due = calendar.add_working_days_known(start, days)?;
            (due, due.is_none())
        }
        _ => (None, false),
    };
    let last_day = stopped_on.unwrap_or(now.date_naive());
    let breached = due.is_some_and(|due| last_day > due);
    Ok(SlaStatus {
        target_working_days: target.map(|t| t.amount),
        target_source: target.map(|t| t.source.clone()),
        started_on,
        elapsed_working_days: elapsed,
        paused_working_days: paused,
        due,
        due_not_known,
        stopped_on,
        clock,
        breached,
    })
}

impl Application {
    /// The SLA clock at an instant: see [`crate::SlaStatus`].
    ///
    /// # Errors
    ///
    /// `InvalidInput` when `now` is before the last event.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Actor, Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41").unwrap();
    /// app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
    /// let sla = app.sla(cat, "2025-05-02T09:00:00+05:00".parse().unwrap()).unwrap();
    /// assert_eq!(sla.clock, kmcore::ClockState::Running);
    /// assert!(app.sla(cat, "2025-04-30T09:00:00+05:00".parse().unwrap()).is_err());
    /// ```
    pub fn sla(
        &self,
        catalogue: &Catalogue,
        now: DateTime<FixedOffset>,
    ) -> Result<crate::SlaStatus> {
        status(catalogue, self, now)
    }

    /// How long the application spent in each state, up to `now`, in seconds:
    /// `(state name, seconds)` in the order states were entered.
    ///
    /// # Errors
    ///
    /// `InvalidInput` when `now` is before the last event.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Actor, Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41").unwrap();
    /// app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
    /// let times = app.time_in_states("2025-05-01T11:30:00+05:00".parse().unwrap()).unwrap();
    /// assert_eq!(times, vec![("submitted", 2 * 3600 + 1800)]);
    /// ```
    pub fn time_in_states(&self, now: DateTime<FixedOffset>) -> Result<Vec<(&'static str, i64)>> {
        let table = self.table()?;
        crate::calendar::check_instant(&now)?;
        if let Some(last) = self.events.last() {
            if now < last.at {
                return Err(KmError::invalid(
                    "sla.time_order",
                    "`now` is before the application's last event",
                ));
            }
        }
        let mut out: Vec<(&'static str, i64)> = Vec::new();
        let mut state = table.initial();
        for (i, ev) in self.events.iter().enumerate() {
            let e = self.event_index(table, &ev.event)?;
            state = table.next(state, e).unwrap_or(state);
            let until = self.events.get(i + 1).map_or(now, |n| n.at);
            let secs = (until - ev.at).num_seconds();
            let name = table.state_name(state).unwrap_or("?");
            match out.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = slot.1.saturating_add(secs),
                None => out.push((name, secs)),
            }
        }
        Ok(out)
    }
}
