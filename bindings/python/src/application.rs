//! `kmcore.Application` (an append-only, hash-chained event log and the
//! state derived from it), `EventRecord` and `SlaStatus`.

use chrono::{DateTime, FixedOffset, NaiveDate};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple, PyType};

use crate::catalogue::PyCatalogue;
use crate::decision::PyDecision;
use crate::enums::E;
use crate::errors::{IntoPyResult, invalid};
use crate::facts::{PyFacts, facts_from_py};
use crate::money::PyMoney;
use crate::time::instant_from_py;
use kmcore::{Actor, ClockState, Digest32, EventRecord, Jurisdiction, Money, ServiceId};

fn parse_digest(text: &str, what: &str) -> PyResult<Digest32> {
    let bytes = text.as_bytes();
    let bad = || {
        invalid(
            "log.hash",
            &format!("{what} must be 64 lowercase hex digits"),
        )
    };
    if bytes.len() != 64 {
        return Err(bad());
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        let (Some(hi), Some(lo)) = (
            pair.first().copied().and_then(nibble),
            pair.get(1).copied().and_then(nibble),
        ) else {
            return Err(bad());
        };
        *o = (hi << 4) | lo;
    }
    Ok(Digest32::from_bytes(out))
}

/// One event in an application's log: what happened, when, by whom, under
/// which bundle version, the facts it supplied, the fee an eligibility
/// guard fixed, and the hash chain.
#[pyclass(module = "kmcore", name = "EventRecord", frozen, eq, from_py_object)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyEventRecord(pub(crate) EventRecord);

#[pymethods]
impl PyEventRecord {
    #[new]
    #[pyo3(signature = (seq, event, at, actor, bundle_version, facts, fee_paisa, prev_hash, hash, bundle_digest = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        seq: u64,
        event: String,
        at: &Bound<'_, PyAny>,
        actor: E<Actor>,
        bundle_version: String,
        facts: Option<&Bound<'_, PyAny>>,
        fee_paisa: Option<i64>,
        prev_hash: &str,
        hash: &str,
        bundle_digest: Option<&str>,
    ) -> PyResult<Self> {
        Ok(PyEventRecord(EventRecord {
            seq,
            event,
            at: instant_from_py(at, "at")?,
            actor: actor.0,
            bundle_version,
            bundle_digest: bundle_digest
                .map(|d| parse_digest(d, "bundle_digest"))
                .transpose()?,
            facts: facts_from_py(facts)?,
            fee_paisa,
            prev_hash: parse_digest(prev_hash, "prev_hash")?,
            hash: parse_digest(hash, "hash")?,
        }))
    }
    /// Position in the log, from 0.
    #[getter]
    fn seq(&self) -> u64 {
        self.0.seq
    }
    /// The event's name in the service's workflow.
    #[getter]
    fn event(&self) -> &str {
        &self.0.event
    }
    /// When it happened (an aware datetime).
    #[getter]
    fn at(&self) -> DateTime<FixedOffset> {
        self.0.at
    }
    #[getter]
    fn actor(&self) -> E<Actor> {
        E(self.0.actor)
    }
    /// The bundle version it was decided under.
    #[getter]
    fn bundle_version(&self) -> &str {
        &self.0.bundle_version
    }
    /// The content digest (hex SHA-256) of the bundle it was decided
    /// under, or None in logs written before digests were recorded.
    #[getter]
    fn bundle_digest(&self) -> Option<String> {
        self.0.bundle_digest.map(|d| d.to_string())
    }
    /// The facts the event supplied.
    #[getter]
    fn facts(&self) -> PyFacts {
        PyFacts(self.0.facts.clone())
    }
    /// The fee due fixed by an eligibility guard, in paisa, else None.
    #[getter]
    fn fee_paisa(&self) -> Option<i64> {
        self.0.fee_paisa
    }
    /// The fee due fixed by an eligibility guard, else None.
    #[getter]
    fn fee(&self) -> Option<PyMoney> {
        self.0.fee_paisa.map(|p| PyMoney(Money::from_paisa(p)))
    }
    /// The hash of the event before this one (or of the log header), hex.
    #[getter]
    fn prev_hash(&self) -> String {
        self.0.prev_hash.to_string()
    }
    /// This event's SHA-256 hash, hex.
    #[getter]
    fn hash(&self) -> String {
        self.0.hash.to_string()
    }
    fn __hash__(&self) -> u64 {
        u64::from_le_bytes(self.0.hash.as_bytes()[..8].try_into().unwrap_or_default())
    }
    fn __repr__(&self) -> String {
        format!(
            "EventRecord(seq={}, event={:?}, at={}, actor={:?}, fee_paisa={}, hash={:?})",
            self.0.seq,
            self.0.event,
            self.0.at.to_rfc3339(),
            self.0.actor.as_str(),
            self.0
                .fee_paisa
                .map_or("None".to_string(), |p| p.to_string()),
            &self.0.hash.to_string()[..12]
        )
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let r = &slf.get().0;
        let args = PyTuple::new(
            py,
            [
                r.seq.into_pyobject(py)?.into_any(),
                r.event.clone().into_pyobject(py)?.into_any(),
                r.at.into_pyobject(py)?.into_any(),
                E(r.actor).into_pyobject(py)?,
                r.bundle_version.clone().into_pyobject(py)?.into_any(),
                Bound::new(py, PyFacts(r.facts.clone()))?.into_any(),
                r.fee_paisa.into_pyobject(py)?.into_any(),
                r.prev_hash.to_string().into_pyobject(py)?.into_any(),
                r.hash.to_string().into_pyobject(py)?.into_any(),
                r.bundle_digest
                    .map(|d| d.to_string())
                    .into_pyobject(py)?
                    .into_any(),
            ],
        )?;
        Ok((slf.get_type(), args))
    }
}

/// An application's SLA clock at an instant, in working days (the
/// jurisdiction's weekend and the bundle's holidays excluded; paused while
/// waiting on the citizen). `due_not_known` is True when the due date
/// depends on a day outside the years the bundle's calendar covers.
#[pyclass(module = "kmcore", name = "SlaStatus", frozen, eq, hash)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PySlaStatus {
    /// The target in working days, when the bundle has one for the service.
    #[pyo3(get)]
    target_working_days: Option<i64>,
    /// The source of the target.
    #[pyo3(get)]
    target_source: Option<String>,
    /// The day the clock started (submission).
    #[pyo3(get)]
    started_on: Option<NaiveDate>,
    /// Working days the clock ran.
    #[pyo3(get)]
    elapsed_working_days: i64,
    /// Working days the clock was paused (waiting on the citizen).
    #[pyo3(get)]
    paused_working_days: i64,
    /// The last working day that meets the target, pauses added; None when
    /// there is no target or the date is not known.
    #[pyo3(get)]
    due: Option<NaiveDate>,
    /// True when there is a target but the due date is not known: the
    /// count runs over a day the bundle's calendar does not cover.
    #[pyo3(get)]
    due_not_known: bool,
    /// The day the clock stopped, if it has.
    #[pyo3(get)]
    stopped_on: Option<NaiveDate>,
    clock: ClockState,
    /// True when the target was (or is now) missed.
    #[pyo3(get)]
    breached: bool,
}

impl From<kmcore::SlaStatus> for PySlaStatus {
    fn from(s: kmcore::SlaStatus) -> Self {
        PySlaStatus {
            target_working_days: s.target_working_days,
            target_source: s.target_source,
            started_on: s.started_on,
            elapsed_working_days: s.elapsed_working_days,
            paused_working_days: s.paused_working_days,
            due: s.due,
            due_not_known: s.due_not_known,
            stopped_on: s.stopped_on,
            clock: s.clock,
            breached: s.breached,
        }
    }
}

#[pymethods]
impl PySlaStatus {
    #[new]
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (
        target_working_days, target_source, started_on, elapsed_working_days,
        paused_working_days, due, stopped_on, clock, breached, due_not_known = false
    ))]
    fn new(
        target_working_days: Option<i64>,
        target_source: Option<String>,
        started_on: Option<NaiveDate>,
        elapsed_working_days: i64,
        paused_working_days: i64,
        due: Option<NaiveDate>,
        stopped_on: Option<NaiveDate>,
        clock: E<ClockState>,
        breached: bool,
        due_not_known: bool,
    ) -> Self {
        PySlaStatus {
            target_working_days,
            target_source,
            started_on,
            elapsed_working_days,
            paused_working_days,
            due,
            due_not_known,
            stopped_on,
            clock: clock.0,
            breached,
        }
    }
    /// Where the clock stands now.
    #[getter]
    fn clock(&self) -> E<ClockState> {
        E(self.clock)
    }
    fn __repr__(&self) -> String {
        let d = |v: Option<NaiveDate>| v.map_or("None".to_string(), |d| d.to_string());
        format!(
            "SlaStatus(clock={:?}, target_working_days={}, elapsed_working_days={}, paused_working_days={}, due={}, due_not_known={}, breached={})",
            self.clock.as_str(),
            self.target_working_days
                .map_or("None".to_string(), |t| t.to_string()),
            self.elapsed_working_days,
            self.paused_working_days,
            d(self.due),
            if self.due_not_known { "True" } else { "False" },
            if self.breached { "True" } else { "False" }
        )
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let s = slf.get();
        let args = PyTuple::new(
            py,
            [
                s.target_working_days.into_pyobject(py)?.into_any(),
                s.target_source.clone().into_pyobject(py)?.into_any(),
                s.started_on.into_pyobject(py)?.into_any(),
                s.elapsed_working_days.into_pyobject(py)?.into_any(),
                s.paused_working_days.into_pyobject(py)?.into_any(),
                s.due.into_pyobject(py)?.into_any(),
                s.stopped_on.into_pyobject(py)?.into_any(),
                E(s.clock).into_pyobject(py)?,
                pyo3::types::PyBool::new(py, s.breached)
                    .to_owned()
                    .into_any(),
                pyo3::types::PyBool::new(py, s.due_not_known)
                    .to_owned()
                    .into_any(),
            ],
        )?;
        Ok((slf.get_type(), args))
    }
}

/// An application: an append-only, hash-chained event log and the state
/// derived from it, bound to the catalogue it was opened with.
///
/// `apply` appends an event (checking the move, the time order and any
/// guard); a failed apply changes nothing. Pickles as its catalogue and its
/// JSON log, which is verified and replayed on load.
#[pyclass(module = "kmcore", name = "Application")]
pub struct PyApplication {
    app: kmcore::Application,
    catalogue: Py<PyCatalogue>,
}

impl PyApplication {
    fn cat<'a>(&'a self, py: Python<'a>) -> &'a kmcore::Catalogue {
        &self.catalogue.bind(py).get().cat
    }
}

#[pymethods]
impl PyApplication {
    /// A new application (no events yet; the workflow's initial state).
    /// InvalidInputError when the service is a check or is not offered in
    /// the jurisdiction.
    #[new]
    #[pyo3(signature = (catalogue, service, jurisdiction, id))]
    fn new(
        catalogue: Bound<'_, PyCatalogue>,
        service: E<ServiceId>,
        jurisdiction: E<Jurisdiction>,
        id: String,
    ) -> PyResult<Self> {
        let app = kmcore::Application::new(&catalogue.get().cat, service.0, jurisdiction.0, id)
            .into_py_result()?;
        Ok(PyApplication {
            app,
            catalogue: catalogue.unbind(),
        })
    }

    /// Restores an application from its JSON log: checks the format,
    /// verifies the hash chain, replays every event under the bundle version
    /// it recorded, and refuses any text not byte-for-byte as written.
    /// TamperedLogError carries the index of the first bad event.
    #[staticmethod]
    fn from_json(catalogue: Bound<'_, PyCatalogue>, text: &str) -> PyResult<Self> {
        let py = catalogue.py();
        let cat = catalogue.get().cat.clone();
        let text = text.to_owned();
        let app = py
            .detach(move || kmcore::Application::from_json(&cat, &text))
            .into_py_result()?;
        Ok(PyApplication {
            app,
            catalogue: catalogue.unbind(),
        })
    }

    /// Rebuilds an application by replaying events (each under the bundle
    /// version it recorded), checking every move, guard, fee and hash.
    #[staticmethod]
    fn replay(
        catalogue: Bound<'_, PyCatalogue>,
        service: E<ServiceId>,
        jurisdiction: E<Jurisdiction>,
        id: &str,
        events: Vec<PyRef<'_, PyEventRecord>>,
    ) -> PyResult<Self> {
        let events: Vec<EventRecord> = events.iter().map(|e| e.0.clone()).collect();
        let app = kmcore::Application::replay(
            &catalogue.get().cat,
            service.0,
            jurisdiction.0,
            id,
            &events,
        )
        .into_py_result()?;
        Ok(PyApplication {
            app,
            catalogue: catalogue.unbind(),
        })
    }

    #[getter]
    fn catalogue(&self, py: Python<'_>) -> Py<PyCatalogue> {
        self.catalogue.clone_ref(py)
    }
    /// The caller's id for the application.
    #[getter]
    fn id(&self) -> &str {
        self.app.id()
    }
    #[getter]
    fn service(&self) -> E<ServiceId> {
        E(self.app.service())
    }
    #[getter]
    fn jurisdiction(&self) -> E<Jurisdiction> {
        E(self.app.jurisdiction())
    }
    /// The current state's name.
    #[getter]
    fn state(&self) -> &'static str {
        self.app.state()
    }
    /// True when the current state accepts no event.
    #[getter]
    fn is_terminal(&self) -> bool {
        self.app.is_terminal()
    }
    /// The events the current state accepts.
    #[getter]
    fn allowed_events(&self) -> Vec<&'static str> {
        self.app.allowed_events()
    }
    /// The events, oldest first.
    #[getter]
    fn events(&self) -> Vec<PyEventRecord> {
        self.app
            .events()
            .iter()
            .cloned()
            .map(PyEventRecord)
            .collect()
    }
    /// The facts gathered from the events.
    #[getter]
    fn facts(&self) -> PyFacts {
        PyFacts(self.app.facts().clone())
    }

    /// Applies an event at an instant by an actor, with optional facts,
    /// under the catalogue's current bundle; returns the new record.
    /// InvalidInputError (unknown event, time before the last event, missing
    /// facts), MoveNotAllowedError (the state does not accept the event) or
    /// NotEligibleError (the guard failed; `.reasons` lists the failed
    /// codes). On error the log is unchanged.
    #[pyo3(signature = (event, *, at, actor, facts = None))]
    fn apply(
        &mut self,
        py: Python<'_>,
        event: &str,
        at: &Bound<'_, PyAny>,
        actor: E<Actor>,
        facts: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyEventRecord> {
        let at = instant_from_py(at, "at")?;
        let facts = match facts {
            Some(f) if !f.is_none() => Some(facts_from_py(Some(f))?),
            _ => None,
        };
        let cat = self.catalogue.bind(py).get().cat.clone();
        self.app
            .apply(&cat, event, at, actor.0, facts)
            .map(|r| PyEventRecord(r.clone()))
            .into_py_result()
    }

    /// The guard decision an event would face now, without applying it
    /// (None when the event has no guard).
    #[pyo3(signature = (event, *, at, facts = None))]
    fn preview(
        &self,
        py: Python<'_>,
        event: &str,
        at: &Bound<'_, PyAny>,
        facts: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<PyDecision>> {
        let at = instant_from_py(at, "at")?;
        let facts = match facts {
            Some(f) if !f.is_none() => Some(facts_from_py(Some(f))?),
            _ => None,
        };
        let cat = self.cat(py);
        let decision = self
            .app
            .preview(cat, event, at, facts.as_ref())
            .into_py_result()?;
        Ok(decision.map(|d| PyDecision::from_core(cat, &d)))
    }

    /// Checks the hash chain; TamperedLogError names the first bad event.
    fn verify(&self) -> PyResult<()> {
        self.app.verify().into_py_result()
    }

    /// The log as compact JSON (what `from_json` reads back).
    fn to_json(&self) -> String {
        self.app.to_json()
    }

    /// Seals the log as it stands: signs its head with the office's Ed25519
    /// secret key (32 bytes) under `key_id`; `to_json` then writes the seal.
    /// Applying another event removes the seal: seal again after it.
    fn seal(&mut self, key_id: &str, secret_key: &[u8]) -> PyResult<()> {
        let key = key32(secret_key)?;
        self.app.seal(key_id, &key).map(|_| ()).into_py_result()
    }

    /// The key id of the seal stored with the log, or None (not verified).
    #[getter]
    fn seal_key_id(&self) -> Option<String> {
        self.app.seal_info().map(|s| s.key_id.clone())
    }

    /// Checks the log's seal with the office's Ed25519 public key (32
    /// bytes): TamperedLogError (`log.seal`) when the log was rewritten,
    /// even with every hash recomputed; InvalidInputError (`seal.missing`,
    /// `seal.key`) without a seal or with a bad key.
    fn verify_seal(&self, public_key: &[u8]) -> PyResult<()> {
        let key = key32(public_key)?;
        self.app.verify_seal(&key).into_py_result()
    }

    /// The SLA clock at an instant.
    fn sla(&self, py: Python<'_>, now: &Bound<'_, PyAny>) -> PyResult<PySlaStatus> {
        let now = instant_from_py(now, "now")?;
        self.app
            .sla(self.cat(py), now)
            .map(Into::into)
            .into_py_result()
    }

    /// How long the application spent in each state up to `now`, as a dict
    /// from state name to timedelta, in the order states were entered.
    fn time_in_states<'py>(
        &self,
        py: Python<'py>,
        now: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let now = instant_from_py(now, "now")?;
        let out = PyDict::new(py);
        for (state, secs) in self.app.time_in_states(now).into_py_result()? {
            out.set_item(state, chrono::Duration::seconds(secs))?;
        }
        Ok(out)
    }

    fn __len__(&self) -> usize {
        self.app.events().len()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyApplication>()
            .is_ok_and(|o| o.try_borrow().is_ok_and(|o| o.app == self.app))
    }

    fn __repr__(&self) -> String {
        format!(
            "Application(id={:?}, service={:?}, jurisdiction={:?}, state={:?}, events={})",
            self.app.id(),
            self.app.service().as_str(),
            self.app.jurisdiction().as_str(),
            self.app.state(),
            self.app.events().len()
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Py<PyCatalogue>, String))> {
        let py = slf.py();
        let me = slf.borrow();
        Ok((
            slf.get_type().getattr("from_json")?,
            (me.catalogue.clone_ref(py), me.app.to_json()),
        ))
    }
}

/// 32 bytes of a key, or InvalidInputError (`seal.key`).
fn key32(bytes: &[u8]) -> PyResult<[u8; 32]> {
    <[u8; 32]>::try_from(bytes)
        .map_err(|_| crate::errors::invalid("seal.key", "an Ed25519 key is exactly 32 bytes"))
}

/// The Ed25519 public key (32 bytes) of an office's secret key (32 bytes),
/// to hand to whoever verifies its seals.
#[pyfunction]
pub(crate) fn seal_public_key<'py>(
    py: Python<'py>,
    secret_key: &[u8],
) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
    let key = key32(secret_key)?;
    Ok(pyo3::types::PyBytes::new(
        py,
        &kmcore::seal_public_key(&key),
    ))
}
