//! Workflows: each service's states and events as Rust enums, and the
//! uniform table the engine, the listings and the bindings work from.

use std::fmt::Write as _;

use crate::facts::FactKey;
use crate::service::ServiceId;

/// What must hold before an event is accepted.
///
/// # Example
///
/// ```
/// use kmcore::Guard;
/// assert_ne!(Guard::Eligibility, Guard::None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Guard {
    /// Nothing beyond the workflow's shape.
    None,
    /// The service's own eligibility rules on the application's facts; the
    /// fee due is recorded with the event.
    Eligibility,
    /// Another service's rules (a check such as the test-booking wait), on
    /// the application's facts at the event's time.
    Rules(ServiceId),
}

/// A workflow written with Rust enums. Implemented by the services' `define_workflow!`
/// in each service's module.
///
/// # Example
///
/// ```
/// use kmcore::Workflow;
/// use kmcore::services::character_certificate_issue::{CharacterCertificateWorkflow as W, State, Event};
/// assert_eq!(W::INITIAL, State::Draft);
/// assert_eq!(W::next(State::Draft, Event::Submit), Some(State::Submitted));
/// assert_eq!(W::next(State::Draft, Event::Issue), None);
/// ```
pub trait Workflow {
    /// The states.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Workflow;
    /// use kmcore::services::learner_permit::{LearnerPermitWorkflow as W, State};
    /// let s: <W as Workflow>::State = W::INITIAL;
    /// assert_eq!(s, State::Draft);
    /// ```
    type State: Copy + Eq + std::fmt::Debug + 'static;
    /// The events.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Workflow;
    /// use kmcore::services::learner_permit::{Event, LearnerPermitWorkflow as W, State};
    /// let e: <W as Workflow>::Event = Event::PayFee;
    /// assert_eq!(W::next(State::Submitted, e), Some(State::FeePaid));
    /// ```
    type Event: Copy + Eq + std::fmt::Debug + 'static;
    /// The service the workflow belongs to.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Workflow;
    /// use kmcore::services::learner_permit::LearnerPermitWorkflow as W;
    /// assert_eq!(W::SERVICE, kmcore::ServiceId::LearnerPermit);
    /// ```
    const SERVICE: ServiceId;
    /// Every state; the first is the initial one.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Workflow;
    /// use kmcore::services::learner_permit::{LearnerPermitWorkflow as W, State};
    /// assert_eq!(W::STATES.first(), Some(&State::Draft));
    /// assert_eq!(W::STATES.len(), 7);
    /// ```
    const STATES: &'static [Self::State];
    /// Every event.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Workflow;
    /// use kmcore::services::learner_permit::{Event, LearnerPermitWorkflow as W};
    /// assert_eq!(W::EVENTS.first(), Some(&Event::Submit));
    /// assert!(!W::EVENTS.is_empty());
    /// ```
    const EVENTS: &'static [Self::Event];
    /// The state a new application starts in.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Workflow;
    /// use kmcore::services::learner_permit::{Event, LearnerPermitWorkflow as W, State};
    /// assert_eq!(W::INITIAL, State::Draft);
    /// assert_eq!(W::next(W::INITIAL, Event::Withdraw), Some(State::Withdrawn));
    /// ```
    const INITIAL: Self::State;
    /// A state's stable snake-case name.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Workflow;
    /// use kmcore::services::learner_permit::{LearnerPermitWorkflow as W, State};
    /// assert_eq!(W::state_name(State::FeePaid), "fee_paid");
    /// ```
    fn state_name(state: Self::State) -> &'static str;
    /// An event's stable snake-case name.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Workflow;
    /// use kmcore::services::learner_permit::{Event, LearnerPermitWorkflow as W};
    /// assert_eq!(W::event_name(Event::PayFee), "pay_fee");
    /// ```
    fn event_name(event: Self::Event) -> &'static str;
    /// The state after `event` in `state`, or `None` when not allowed.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Workflow;
    /// use kmcore::services::learner_permit::{Event, LearnerPermitWorkflow as W, State};
    /// assert_eq!(W::next(State::FeePaid, Event::Issue), Some(State::Issued));
    /// assert_eq!(W::next(State::Draft, Event::Issue), None);
    /// ```
    fn next(state: Self::State, event: Self::Event) -> Option<Self::State>;
    /// Flags of a state.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Workflow;
    /// use kmcore::services::learner_permit::{LearnerPermitWorkflow as W, State};
    /// assert!(W::state_flags(State::Refused).terminal);
    /// assert!(W::state_flags(State::Issued).done);
    /// ```
    fn state_flags(state: Self::State) -> StateFlags;
    /// The guard and the date fact an event records.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Workflow;
    /// use kmcore::services::learner_permit::{Event, LearnerPermitWorkflow as W};
    /// use kmcore::{FactKey, Guard};
    /// assert_eq!(W::event_rule(Event::Submit), (Guard::Eligibility, None));
    /// assert_eq!(W::event_rule(Event::Issue), (Guard::None, Some(FactKey::LearnerIssuedOn)));
    /// ```
    fn event_rule(event: Self::Event) -> (Guard, Option<FactKey>);
}

/// What a state means for the clock and for the application's life.
///
/// # Example
///
/// ```
/// let f = kmcore::StateFlags::default();
/// assert!(!f.terminal && !f.waits_on_citizen && !f.done);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct StateFlags {
    /// No event leaves this state.
    pub terminal: bool,
    /// The office waits for the citizen: the SLA clock is paused.
    pub waits_on_citizen: bool,
    /// The service has been delivered: the SLA clock has stopped, though
    /// later events (expiry, surrender) may still follow.
    pub done: bool,
}

/// One state of a workflow, by name.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, ServiceId};
/// let table = Catalogue::embedded().unwrap().workflow(ServiceId::LearnerPermit).unwrap();
/// let issued = &table.states()[table.state_index("issued").unwrap()];
/// assert_eq!(issued.name, "issued");
/// assert!(issued.flags.done && !issued.flags.terminal);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateInfo {
    /// The state's name.
    pub name: &'static str,
    /// Its flags.
    pub flags: StateFlags,
}

/// One event of a workflow, by name.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, ServiceId};
/// let table = Catalogue::embedded().unwrap().workflow(ServiceId::LearnerPermit).unwrap();
/// let issue = &table.events()[table.event_index("issue").unwrap()];
/// assert_eq!(issue.guard, kmcore::Guard::None);
/// assert_eq!(issue.stamps, Some(kmcore::FactKey::LearnerIssuedOn));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventInfo {
    /// The event's name.
    pub name: &'static str,
    /// What must hold before it is accepted.
    pub guard: Guard,
    /// A date fact the event records (its own date), such as the day a
    /// learner permit was issued.
    pub stamps: Option<FactKey>,
}

/// A workflow as a table of names and indices: what listings, diagrams,
/// the event log and the bindings use.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, ServiceId};
/// let cat = Catalogue::embedded().unwrap();
/// let table = cat.workflow(ServiceId::LearnerPermit).unwrap();
/// assert_eq!(table.state_name(table.initial()), Some("draft"));
/// assert!(table.to_mermaid().starts_with("stateDiagram-v2"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkflowTable {
    service: ServiceId,
    states: Vec<StateInfo>,
    events: Vec<EventInfo>,
    initial: usize,
    /// `next[state * events.len() + event]`.
    next: Vec<Option<u8>>,
}

impl WorkflowTable {
    /// Builds the table of a typed workflow.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId, WorkflowTable};
    /// use kmcore::services::learner_permit::LearnerPermitWorkflow;
    /// let table = WorkflowTable::of::<LearnerPermitWorkflow>();
    /// assert_eq!(table.service(), ServiceId::LearnerPermit);
    /// assert_eq!(Some(&table), Catalogue::embedded().unwrap().workflow(ServiceId::LearnerPermit));
    /// ```
    pub fn of<W: Workflow>() -> WorkflowTable {
        let states: Vec<StateInfo> = W::STATES
            .iter()
            .map(|s| StateInfo {
                name: W::state_name(*s),
                flags: W::state_flags(*s),
            })
            .collect();
        let events: Vec<EventInfo> = W::EVENTS
            .iter()
            .map(|e| {
                let (guard, stamps) = W::event_rule(*e);
                EventInfo {
                    name: W::event_name(*e),
                    guard,
                    stamps,
                }
            })
            .collect();
        let index_of = |s: W::State| W::STATES.iter().position(|x| *x == s);
        let mut next = Vec::with_capacity(states.len() * events.len());
        for s in W::STATES {
            for e in W::EVENTS {
                next.push(
                    W::next(*s, *e)
                        .and_then(index_of)
                        .and_then(|i| u8::try_from(i).ok()),
                );
            }
        }
        WorkflowTable {
            service: W::SERVICE,
            initial: index_of(W::INITIAL).unwrap_or(0),
            states,
            events,
            next,
        }
    }

    /// The service.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId};
    /// let table = Catalogue::embedded().unwrap().workflow(ServiceId::LearnerPermit).unwrap();
    /// assert_eq!(table.service(), ServiceId::LearnerPermit);
    /// ```
    pub fn service(&self) -> ServiceId {
        self.service
    }

    /// The states, in declaration order.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId};
    /// let table = Catalogue::embedded().unwrap().workflow(ServiceId::LearnerPermit).unwrap();
    /// let names: Vec<_> = table.states().iter().map(|s| s.name).collect();
    /// assert_eq!(names, ["draft", "submitted", "fee_paid", "issued", "expired", "refused", "withdrawn"]);
    /// ```
    pub fn states(&self) -> &[StateInfo] {
        &self.states
    }

    /// The events, in declaration order.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId};
    /// let table = Catalogue::embedded().unwrap().workflow(ServiceId::LearnerPermit).unwrap();
    /// let names: Vec<_> = table.events().iter().map(|e| e.name).collect();
    /// assert_eq!(names, ["submit", "pay_fee", "issue", "expire", "refuse", "withdraw"]);
    /// ```
    pub fn events(&self) -> &[EventInfo] {
        &self.events
    }

    /// The initial state's index.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId};
    /// let table = Catalogue::embedded().unwrap().workflow(ServiceId::LearnerPermit).unwrap();
    /// assert_eq!(table.initial(), table.state_index("draft").unwrap());
    /// ```
    pub fn initial(&self) -> usize {
        self.initial
    }

    /// A state's name.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId};
    /// let table = Catalogue::embedded().unwrap().workflow(ServiceId::LearnerPermit).unwrap();
    /// assert_eq!(table.state_name(1), Some("submitted"));
    /// assert_eq!(table.state_name(99), None);
    /// ```
    pub fn state_name(&self, state: usize) -> Option<&'static str> {
        self.states.get(state).map(|s| s.name)
    }

    /// An event's name.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId};
    /// let table = Catalogue::embedded().unwrap().workflow(ServiceId::LearnerPermit).unwrap();
    /// assert_eq!(table.event_name(0), Some("submit"));
    /// assert_eq!(table.event_name(99), None);
    /// ```
    pub fn event_name(&self, event: usize) -> Option<&'static str> {
        self.events.get(event).map(|e| e.name)
    }

    /// A state's index from its name.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId};
    /// let table = Catalogue::embedded().unwrap().workflow(ServiceId::LearnerPermit).unwrap();
    /// assert_eq!(table.state_index("fee_paid"), Some(2));
    /// assert_eq!(table.state_index("lost"), None);
    /// ```
    pub fn state_index(&self, name: &str) -> Option<usize> {
        self.states.iter().position(|s| s.name == name)
    }

    /// An event's index from its name.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId};
    /// let table = Catalogue::embedded().unwrap().workflow(ServiceId::LearnerPermit).unwrap();
    /// assert_eq!(table.event_index("pay_fee"), Some(1));
    /// assert_eq!(table.event_index("appeal"), None);
    /// ```
    pub fn event_index(&self, name: &str) -> Option<usize> {
        self.events.iter().position(|e| e.name == name)
    }

    /// The state after `event` in `state`, or `None` when not allowed.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId};
    /// let table = Catalogue::embedded().unwrap().workflow(ServiceId::LearnerPermit).unwrap();
    /// let s = |n| table.state_index(n).unwrap();
    /// let e = |n| table.event_index(n).unwrap();
    /// assert_eq!(table.next(s("draft"), e("submit")), Some(s("submitted")));
    /// assert_eq!(table.next(s("draft"), e("issue")), None);
    /// ```
    pub fn next(&self, state: usize, event: usize) -> Option<usize> {
        if event >= self.events.len() {
            return None;
        }
        self.next
            .get(state * self.events.len() + event)
            .copied()
            .flatten()
            .map(usize::from)
    }

    /// The events accepted in `state`, in declaration order.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId};
    /// let table = Catalogue::embedded().unwrap().workflow(ServiceId::LearnerPermit).unwrap();
    /// let names: Vec<_> = table.allowed(table.initial()).filter_map(|e| table.event_name(e)).collect();
    /// assert_eq!(names, ["submit", "withdraw"]);
    /// ```
    pub fn allowed(&self, state: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.events.len()).filter(move |e| self.next(state, *e).is_some())
    }

    /// Every transition as `(from, event, to)` indices.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId};
    /// let table = Catalogue::embedded().unwrap().workflow(ServiceId::LearnerPermit).unwrap();
    /// assert_eq!(table.transitions().count(), 8);
    /// let (from, event, to) = table.transitions().next().unwrap();
    /// assert_eq!((table.state_name(from), table.event_name(event), table.state_name(to)),
    ///     (Some("draft"), Some("submit"), Some("submitted")));
    /// ```
    pub fn transitions(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        (0..self.states.len()).flat_map(move |s| {
            (0..self.events.len()).filter_map(move |e| self.next(s, e).map(|t| (s, e, t)))
        })
    }

    /// Problems in the workflow's shape: states not reachable from the
    /// initial one, non-terminal states with no way out (dead ends),
    /// terminal states with a way out, states from which no terminal or
    /// done state can be reached, and events no state accepts. Empty when
    /// the workflow is sound.
    ///
    /// # Example
    ///
    /// ```
    /// let cat = kmcore::Catalogue::embedded().unwrap();
    /// for table in cat.workflows() {
    ///     assert!(table.problems().is_empty(), "{:?}", table.problems());
    /// }
    /// ```
    pub fn problems(&self) -> Vec<String> {
        let n = self.states.len();
        let mut problems = Vec::new();
        let mut reached = vec![false; n];
        let mut stack = vec![self.initial];
        while let Some(s) = stack.pop() {
            if reached.get(s).copied().unwrap_or(true) {
                continue;
            }
            if let Some(r) = reached.get_mut(s) {
                *r = true;
            }
            stack.extend(self.allowed(s).filter_map(|e| self.next(s, e)));
        }
        for (i, info) in self.states.iter().enumerate() {
            let outgoing = self.allowed(i).count();
            if !reached.get(i).copied().unwrap_or(false) {
                problems.push(format!(
                    "{}: state `{}` is unreachable",
                    self.service, info.name
                ));
            }
            if outgoing == 0 && !info.flags.terminal {
                problems.push(format!(
                    "{}: state `{}` is a dead end",
                    self.service, info.name
                ));
            }
            if outgoing > 0 && info.flags.terminal {
                problems.push(format!(
                    "{}: terminal state `{}` has outgoing events",
                    self.service, info.name
                ));
            }
        }
        // States from which an end (terminal or done) can be reached.
        let mut ends: Vec<bool> = self
            .states
            .iter()
            .map(|s| s.flags.terminal || s.flags.done)
            .collect();
        let mut changed = true;
        while changed {
            changed = false;
            for (from, _, to) in self.transitions() {
                if ends.get(to).copied().unwrap_or(false)
                    && !ends.get(from).copied().unwrap_or(true)
                {
                    if let Some(slot) = ends.get_mut(from) {
                        *slot = true;
                        changed = true;
                    }
                }
            }
        }
        for (i, info) in self.states.iter().enumerate() {
            if !ends.get(i).copied().unwrap_or(false) {
                problems.push(format!(
                    "{}: no end can be reached from state `{}`",
                    self.service, info.name
                ));
            }
        }
        for (e, info) in self.events.iter().enumerate() {
            if !(0..n).any(|s| self.next(s, e).is_some()) {
                problems.push(format!(
                    "{}: no state accepts event `{}`",
                    self.service, info.name
                ));
            }
        }
        problems
    }

    /// The workflow as a Mermaid state diagram.
    ///
    /// # Example
    ///
    /// ```
    /// let cat = kmcore::Catalogue::embedded().unwrap();
    /// let m = cat.workflow(kmcore::ServiceId::CharacterCertificateIssue).unwrap().to_mermaid();
    /// assert!(m.contains("draft --> submitted: submit"));
    /// ```
    pub fn to_mermaid(&self) -> String {
        let mut out = String::from("stateDiagram-v2\n");
        let _ = writeln!(
            out,
            "    %% {} (generated by kmcore; do not edit)",
            self.service
        );
        if let Some(initial) = self.state_name(self.initial) {
            let _ = writeln!(out, "    [*] --> {initial}");
        }
        for (from, event, to) in self.transitions() {
            let (Some(f), Some(e), Some(t)) = (
                self.state_name(from),
                self.event_name(event),
                self.state_name(to),
            ) else {
                continue;
            };
            let guard = match self.events.get(event).map(|e| e.guard) {
                Some(Guard::Eligibility) => " [eligibility]".to_string(),
                Some(Guard::Rules(id)) => format!(" [{id}]"),
                _ => String::new(),
            };
            let _ = writeln!(out, "    {f} --> {t}: {e}{guard}");
        }
        for state in &self.states {
            if state.flags.terminal {
                let _ = writeln!(out, "    {} --> [*]", state.name);
            }
        }
        for state in &self.states {
            let note = match (state.flags.waits_on_citizen, state.flags.done) {
                (true, _) => "waits on citizen: SLA clock paused",
                (false, true) => "service delivered: SLA clock stopped",
                _ => continue,
            };
            let _ = writeln!(out, "    note right of {}: {note}", state.name);
        }
        out
    }
}

/// Declares a service's workflow: the `State` and `Event` enums, their
/// names, the transitions, and an implementation of [`Workflow`].
///
/// State flags: `terminal` (no way out), `citizen` (waits on the citizen:
/// SLA clock paused), `done` (service delivered: SLA clock stopped).
/// Events name a [`Guard`] and optionally a date fact they record.
///
/// # Example
///
/// ```
/// use kmcore::{Workflow, WorkflowTable};
/// mod counter {
///     kmcore::define_workflow! {
///         /// A counter token's life.
///         workflow TokenWorkflow for LostReport;
///         states {
///             /// Issued at the door.
///             Waiting = "waiting",
///             /// Called to a counter.
///             Served = "served" [done, terminal],
///         }
///         events {
///             /// Call the token.
///             Call = "call",
///         }
///         transitions {
///             Waiting + Call => Served,
///         }
///     }
/// }
/// use counter::{Event, State, TokenWorkflow};
/// assert_eq!(TokenWorkflow::INITIAL, State::Waiting);
/// assert_eq!(TokenWorkflow::next(State::Waiting, Event::Call), Some(State::Served));
/// assert!(WorkflowTable::of::<TokenWorkflow>().problems().is_empty());
/// ```
///
/// # The standard form
///
/// Several licences and permits share one workflow: `Draft` → `Submitted`
/// (`submit`, eligibility guard) → `FeePaid` (`pay_fee`) → a done state
/// (`Issued` by `issue`, say) → a terminal end state (`Expired` by
/// `expire`, say), with `refuse` from `Submitted` and `FeePaid` to
/// `Refused` and `withdraw` from `Draft` and `Submitted` to `Withdrawn`.
/// The `standard` form declares it from what differs: the `Submitted`
/// state's doc, the done state and the event reaching it (with the date
/// fact it may record), and the end state and its event; the other states
/// and events carry the licences' docs (`Refused` is "by the licensing
/// authority"). It expands to the full form above, so the names, flags,
/// guards, docs and examples are those the full form would give.
///
/// ```
/// use kmcore::{Guard, Workflow, WorkflowTable};
/// mod permit {
///     kmcore::define_workflow! {
///         /// A permit's life.
///         standard workflow PermitWorkflow for LearnerPermit;
///         /// Submitted; the fee fixed.
///         submitted;
///         /// Permit issued.
///         done Issued = "issued";
///         /// Issue the permit.
///         by Issue = "issue" [stamps: LearnerIssuedOn];
///         /// The permit lapsed.
///         end Lapsed = "lapsed";
///         /// The permit lapses.
///         by Lapse = "lapse";
///     }
/// }
/// use permit::{Event, PermitWorkflow as W, State};
/// assert_eq!(W::next(State::FeePaid, Event::Issue), Some(State::Issued));
/// assert_eq!(W::event_rule(Event::Submit), (Guard::Eligibility, None));
/// assert_eq!(W::event_name(Event::Lapse), "lapse");
/// assert!(W::state_flags(State::Issued).done && W::state_flags(State::Lapsed).terminal);
/// let table = WorkflowTable::of::<W>();
/// assert_eq!(table.transitions().count(), 8);
/// assert!(table.problems().is_empty());
/// ```
///
/// Without the `end` lines the done state is also terminal: a certificate
/// or a duplicate, once issued, has no later state the workflow follows.
///
/// ```
/// use kmcore::{Workflow, WorkflowTable};
/// mod copy {
///     kmcore::define_workflow! {
///         /// A copy's life.
///         standard workflow CopyWorkflow for LicenceNoc;
///         /// Submitted; the fee fixed.
///         submitted;
///         /// Certificate issued.
///         done Issued = "issued";
///         /// Issue the certificate.
///         by Issue = "issue";
///     }
/// }
/// use copy::{CopyWorkflow as W, Event, State};
/// assert_eq!(W::next(State::FeePaid, Event::Issue), Some(State::Issued));
/// let flags = W::state_flags(State::Issued);
/// assert!(flags.done && flags.terminal);
/// let table = WorkflowTable::of::<W>();
/// assert_eq!(table.transitions().count(), 7);
/// assert!(table.problems().is_empty());
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! define_workflow {
    (
        $(#[$wdoc:meta])*
        standard workflow $wf:ident for $service:ident;
        $(#[$subdoc:meta])* submitted;
        $(#[$ddoc:meta])* done $done:ident = $dname:literal;
        $(#[$dedoc:meta])* by $deliver:ident = $dename:literal $( [ stamps: $stamp:ident ] )?;
        $(#[$xdoc:meta])* end $end:ident = $xname:literal;
        $(#[$xedoc:meta])* by $finish:ident = $xename:literal;
    ) => {
        $crate::define_workflow! {
            @standard [$(#[$wdoc])*] $wf for $service;
            [$(#[$subdoc])*]
            [$(#[$ddoc])*] $done = $dname [done];
            [$(#[$dedoc])*] $deliver = $dename $( [stamps: $stamp] )?;
            states { $(#[$xdoc])* $end = $xname [terminal], }
            events { $(#[$xedoc])* $finish = $xename, }
            transitions { $done + $finish => $end, }
        }
    };
    (
        $(#[$wdoc:meta])*
        standard workflow $wf:ident for $service:ident;
        $(#[$subdoc:meta])* submitted;
        $(#[$ddoc:meta])* done $done:ident = $dname:literal;
        $(#[$dedoc:meta])* by $deliver:ident = $dename:literal $( [ stamps: $stamp:ident ] )?;
    ) => {
        $crate::define_workflow! {
            @standard [$(#[$wdoc])*] $wf for $service;
            [$(#[$subdoc])*]
            [$(#[$ddoc])*] $done = $dname [done, terminal];
            [$(#[$dedoc])*] $deliver = $dename $( [stamps: $stamp] )?;
            states {}
            events {}
            transitions {}
        }
    };
    // The standard workflow's body: Draft → Submitted → FeePaid → done,
    // refusal and withdrawal, plus the states, events and transitions of an
    // optional end after done.
    (
        @standard [$(#[$wdoc:meta])*] $wf:ident for $service:ident;
        [$(#[$subdoc:meta])*]
        [$(#[$ddoc:meta])*] $done:ident = $dname:literal [$($dflag:ident),*];
        [$(#[$dedoc:meta])*] $deliver:ident = $dename:literal $( [ stamps: $stamp:ident ] )?;
        states { $($more_states:tt)* }
        events { $($more_events:tt)* }
        transitions { $($more_transitions:tt)* }
    ) => {
        $crate::define_workflow! {
            $(#[$wdoc])*
            workflow $wf for $service;
            states {
                /// Being filled in at the counter.
                Draft = "draft",
                $(#[$subdoc])*
                Submitted = "submitted",
                /// Fee paid.
                FeePaid = "fee_paid",
                $(#[$ddoc])*
                $done = $dname [$($dflag),*],
                $($more_states)*
                /// Refused by the licensing authority.
                Refused = "refused" [terminal],
                /// Withdrawn by the applicant.
                Withdrawn = "withdrawn" [terminal],
            }
            events {
                /// Submit the application (eligibility guard; fee recorded).
                Submit = "submit" [guard: $crate::Guard::Eligibility],
                /// Pay the fee.
                PayFee = "pay_fee",
                $(#[$dedoc])*
                $deliver = $dename $( [stamps: $stamp] )?,
                $($more_events)*
                /// Refuse the application.
                Refuse = "refuse",
                /// The applicant withdraws.
                Withdraw = "withdraw",
            }
            transitions {
                Draft + Submit => Submitted,
                Draft + Withdraw => Withdrawn,
                Submitted + PayFee => FeePaid,
                Submitted + Refuse => Refused,
                Submitted + Withdraw => Withdrawn,
                FeePaid + $deliver => $done,
                FeePaid + Refuse => Refused,
                $($more_transitions)*
            }
        }
    };
    (
        $(#[$wdoc:meta])*
        workflow $wf:ident for $service:ident;
        states {
            $( $(#[$sdoc:meta])* $state:ident = $sname:literal $( [ $($sflag:ident),* ] )? ),+ $(,)?
        }
        events {
            $( $(#[$edoc:meta])* $event:ident = $ename:literal $( [ guard: $guard:expr ] )? $( [ stamps: $stamp:ident ] )? ),+ $(,)?
        }
        transitions {
            $( $from:ident + $ev:ident => $to:ident ),+ $(,)?
        }
    ) => {
        /// The workflow's states.
        ///
        /// # Example
        ///
        /// ```
        /// use kmcore::Workflow;
        #[doc = concat!("use ", module_path!(), "::{", stringify!($wf), " as W, State};")]
        /// let names: Vec<_> = W::STATES.iter().map(|s| W::state_name(*s)).collect();
        #[doc = concat!("assert_eq!(names, ", stringify!([ $( $sname ),+ ]), ");")]
        /// assert_eq!(W::state_name(W::INITIAL), names[0]);
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum State { $( $(#[$sdoc])* $state, )+ }

        /// The workflow's events.
        ///
        /// # Example
        ///
        /// ```
        /// use kmcore::Workflow;
        #[doc = concat!("use ", module_path!(), "::{", stringify!($wf), " as W, Event};")]
        /// let names: Vec<_> = W::EVENTS.iter().map(|e| W::event_name(*e)).collect();
        #[doc = concat!("assert_eq!(names, ", stringify!([ $( $ename ),+ ]), ");")]
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Event { $( $(#[$edoc])* $event, )+ }

        $(#[$wdoc])*
        ///
        /// # Example
        ///
        /// ```
        /// use kmcore::{Catalogue, Workflow, WorkflowTable};
        #[doc = concat!("use ", module_path!(), "::{", stringify!($wf), " as W, Event, State};")]
        #[doc = concat!("assert_eq!(W::SERVICE, kmcore::ServiceId::", stringify!($service), ");")]
        /// // Every declared transition, and nothing else.
        #[doc = concat!("let declared = [", $( "(State::", stringify!($from), ", Event::", stringify!($ev), ", State::", stringify!($to), "), ", )+ "];")]
        /// for (from, event, to) in declared {
        ///     assert_eq!(W::next(from, event), Some(to));
        /// }
        /// let table = WorkflowTable::of::<W>();
        /// assert_eq!(table.transitions().count(), declared.len());
        /// assert_eq!(Some(&table), Catalogue::embedded().unwrap().workflow(W::SERVICE));
        /// ```
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $wf;

        impl $crate::Workflow for $wf {
            type State = State;
            type Event = Event;
            const SERVICE: $crate::ServiceId = $crate::ServiceId::$service;
            const STATES: &'static [State] = &[ $( State::$state ),+ ];
            const EVENTS: &'static [Event] = &[ $( Event::$event ),+ ];
            const INITIAL: State = $crate::define_workflow!(@first $( $state ),+);

            fn state_name(state: State) -> &'static str {
                match state { $( State::$state => $sname ),+ }
            }

            fn event_name(event: Event) -> &'static str {
                match event { $( Event::$event => $ename ),+ }
            }

            #[allow(unreachable_patterns)]
            fn next(state: State, event: Event) -> Option<State> {
                match (state, event) {
                    $( (State::$from, Event::$ev) => Some(State::$to), )+
                    _ => None,
                }
            }

            fn state_flags(state: State) -> $crate::StateFlags {
                match state {
                    $( State::$state => {
                        #[allow(unused_mut)]
                        let mut flags = $crate::StateFlags::default();
                        $( $( $crate::define_workflow!(@flag flags $sflag); )* )?
                        flags
                    } ),+
                }
            }

            fn event_rule(event: Event) -> ($crate::Guard, Option<$crate::FactKey>) {
                match event {
                    $( Event::$event => {
                        #[allow(unused_mut, unused_assignments)]
                        let mut guard = $crate::Guard::None;
                        $( guard = $guard; )?
                        #[allow(unused_mut, unused_assignments)]
                        let mut stamps = None;
                        $( stamps = Some($crate::FactKey::$stamp); )?
                        (guard, stamps)
                    } ),+
                }
            }
        }
    };
    (@first $first:ident $(, $rest:ident)*) => { State::$first };
    (@flag $f:ident terminal) => { $f.terminal = true; };
    (@flag $f:ident citizen) => { $f.waits_on_citizen = true; };
    (@flag $f:ident done) => { $f.done = true; };
}
