//! Mirrors `kmcore::sla`: SLA clocks in working days.

use chrono::NaiveDate;

use crate::mirror_enum;

mirror_enum! {
    /// The state of an SLA clock.
    pub enum ClockState mirrors kmcore::ClockState {
        /// No event yet.
        NotStarted,
        /// The office is working on it.
        Running,
        /// Waiting on the citizen.
        Paused,
        /// Delivered or closed.
        Stopped,
    }
}

/// An application's SLA clock at a moment.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct SlaStatus {
    /// The target in working days, when the bundle has one.
    pub target_working_days: Option<i64>,
    /// The source of the target.
    pub target_source: Option<String>,
    /// The day of the first event.
    pub started_on: Option<NaiveDate>,
    /// Working days the clock ran.
    pub elapsed_working_days: i64,
    /// Working days it was paused (waiting on the citizen).
    pub paused_working_days: i64,
    /// The last day on time (target plus pauses), when there is a target
    /// and the date is known.
    pub due: Option<NaiveDate>,
    /// True when there is a target but the due date is not known: the count
    /// runs over a day outside the years the bundle's calendar covers.
    pub due_not_known: bool,
    /// The day the clock stopped, if it did.
    pub stopped_on: Option<NaiveDate>,
    /// The clock now.
    pub clock: ClockState,
    /// True when the clock ran past `due`; false when `due` is not known.
    pub breached: bool,
}

impl From<kmcore::SlaStatus> for SlaStatus {
    fn from(s: kmcore::SlaStatus) -> Self {
        let kmcore::SlaStatus {
            target_working_days,
            target_source,
            started_on,
            elapsed_working_days,
            paused_working_days,
            due,
            due_not_known,
            stopped_on,
            clock,
            breached,
        } = s;
        SlaStatus {
            target_working_days,
            target_source,
            started_on,
            elapsed_working_days,
            paused_working_days,
            due,
            due_not_known,
            stopped_on,
            clock: clock.into(),
            breached,
        }
    }
}
