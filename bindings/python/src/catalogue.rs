//! `kmcore.Catalogue` (rule bundles, services, messages; the entry point for
//! evaluation), `RuleBundle`, `ServiceInfo`, `ParamDef` and `Workflow`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple, PyType};

use chrono::NaiveDate;

use crate::decision::{PyDatedValue, PyDecision, PyDocumentItem, PyRequest};
use crate::enums::{E, GuardKind, Mirror};
use crate::errors::{IntoPyResult, invalid};
use crate::facts::facts_from_py;
use crate::time::{as_of_from_py, date_from_py};
use kmcore::{FactKey, Jurisdiction, Lang, ReasonCode, Request, ServiceId, ServiceKind, Unit};

/// How a catalogue was built, step by step, so that it can be pickled and
/// rebuilt in another process (multiprocessing, Dask, Spark).
#[derive(Clone, Debug)]
enum Step {
    Embedded,
    Parts(Vec<(String, String)>),
    Overlay(String, String),
    Bundle(Vec<(String, String)>),
}

/// Rule bundles, services and message catalogues: what every evaluation
/// needs. Immutable and safe to share between threads.
///
/// `Catalogue()` is the embedded default bundle; `Catalogue.from_json`
/// loads another; `with_overlay` applies a what-if overlay to a copy. A
/// catalogue keeps the bundles it was built from, so that application logs
/// replay under the bundle version each event recorded.
#[pyclass(module = "kmcore", name = "Catalogue", frozen)]
pub struct PyCatalogue {
    pub(crate) cat: kmcore::Catalogue,
    steps: Vec<Step>,
}

fn json_text(py: Python<'_>, value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    if value.cast::<pyo3::types::PyMapping>().is_ok() {
        return py
            .import("json")?
            .call_method1("dumps", (value,))?
            .extract();
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be JSON text or a mapping (dict)"
    )))
}

impl PyCatalogue {
    fn build(steps: Vec<Step>) -> PyResult<PyCatalogue> {
        let mut cat: Option<kmcore::Catalogue> = None;
        for step in &steps {
            cat = Some(match (step, cat) {
                (Step::Embedded, _) => kmcore::Catalogue::embedded().into_py_result()?.clone(),
                (Step::Parts(parts), _) => {
                    let refs: Vec<(&str, &str)> = parts
                        .iter()
                        .map(|(n, t)| (n.as_str(), t.as_str()))
                        .collect();
                    kmcore::Catalogue::new(
                        kmcore::RuleBundle::from_json_parts(&refs).into_py_result()?,
                    )
                    .into_py_result()?
                }
                (Step::Overlay(name, text), Some(c)) => {
                    c.with_overlay(name, text).into_py_result()?
                }
                (Step::Bundle(parts), Some(c)) => {
                    let refs: Vec<(&str, &str)> = parts
                        .iter()
                        .map(|(n, t)| (n.as_str(), t.as_str()))
                        .collect();
                    c.with_bundle(kmcore::RuleBundle::from_json_parts(&refs).into_py_result()?)
                        .into_py_result()?
                }
                (Step::Overlay(..) | Step::Bundle(_), None) => {
                    return Err(invalid(
                        "catalogue.state",
                        "a catalogue must start with a bundle",
                    ));
                }
            });
        }
        let cat = cat.ok_or_else(|| invalid("catalogue.state", "a catalogue needs a bundle"))?;
        Ok(PyCatalogue { cat, steps })
    }

    fn with_step(&self, step: Step) -> PyResult<PyCatalogue> {
        let mut steps = self.steps.clone();
        steps.push(step);
        let cat = match steps.last() {
            Some(Step::Overlay(name, text)) => {
                self.cat.with_overlay(name, text).into_py_result()?
            }
            Some(Step::Bundle(parts)) => {
                let refs: Vec<(&str, &str)> = parts
                    .iter()
                    .map(|(n, t)| (n.as_str(), t.as_str()))
                    .collect();
                self.cat
                    .with_bundle(kmcore::RuleBundle::from_json_parts(&refs).into_py_result()?)
                    .into_py_result()?
            }
            _ => return PyCatalogue::build(steps),
        };
        Ok(PyCatalogue { cat, steps })
    }

    pub(crate) fn embedded_catalogue() -> PyResult<PyCatalogue> {
        PyCatalogue::build(vec![Step::Embedded])
    }

    fn evaluate_in(&self, request: &Request, bundle_version: Option<&str>) -> PyResult<PyDecision> {
        let decision = match bundle_version {
            Some(v) => self.cat.evaluate_under(v, request),
            None => self.cat.evaluate(request),
        }
        .into_py_result()?;
        Ok(PyDecision::from_core(&self.cat, &decision))
    }
}

fn parts_from_py(parts: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let mut out = Vec::new();
    for item in parts.try_iter()? {
        let (name, text): (String, String) = item?.extract().map_err(|_| {
            PyTypeError::new_err("bundle parts must be (file name, JSON text) pairs")
        })?;
        out.push((name, text));
    }
    Ok(out)
}

#[pymethods]
impl PyCatalogue {
    /// The catalogue over the embedded default bundle.
    #[new]
    fn new() -> PyResult<Self> {
        PyCatalogue::embedded_catalogue()
    }

    /// The catalogue over the embedded default bundle.
    #[staticmethod]
    fn embedded() -> PyResult<Self> {
        PyCatalogue::embedded_catalogue()
    }

    /// A catalogue over a bundle given as JSON text (or a dict). The file
    /// name only appears in error messages. BundleError names the file, the
    /// path inside it and the problem.
    #[staticmethod]
    #[pyo3(signature = (bundle, *, file_name = "bundle.json"))]
    fn from_json(py: Python<'_>, bundle: &Bound<'_, PyAny>, file_name: &str) -> PyResult<Self> {
        let text = json_text(py, bundle, "bundle")?;
        PyCatalogue::build(vec![Step::Parts(vec![(file_name.to_string(), text)])])
    }

    /// A catalogue over a bundle split into several files, given as
    /// (file name, JSON text) pairs; the first gives the title.
    #[staticmethod]
    fn from_json_parts(parts: &Bound<'_, PyAny>) -> PyResult<Self> {
        PyCatalogue::build(vec![Step::Parts(parts_from_py(parts)?)])
    }

    /// A new catalogue whose current bundle is this one's with a what-if
    /// overlay (JSON text or a dict) applied; the original bundles stay
    /// available for replaying logs.
    #[pyo3(signature = (overlay, *, file_name = "what-if.json"))]
    fn with_overlay(
        &self,
        py: Python<'_>,
        overlay: &Bound<'_, PyAny>,
        file_name: &str,
    ) -> PyResult<Self> {
        let text = json_text(py, overlay, "overlay")?;
        self.with_step(Step::Overlay(file_name.to_string(), text))
    }

    /// A new catalogue whose current bundle is `bundle` (JSON text or a
    /// dict); the bundles already held stay available for replay.
    #[pyo3(signature = (bundle, *, file_name = "bundle.json"))]
    fn with_bundle(
        &self,
        py: Python<'_>,
        bundle: &Bound<'_, PyAny>,
        file_name: &str,
    ) -> PyResult<Self> {
        let text = json_text(py, bundle, "bundle")?;
        self.with_step(Step::Bundle(vec![(file_name.to_string(), text)]))
    }

    /// The current bundle's version (recorded in every event applied under it).
    #[getter]
    fn bundle_version(&self) -> &str {
        self.cat.bundle().version()
    }

    /// The versions of the bundles held, oldest first.
    #[getter]
    fn versions(&self) -> Vec<String> {
        self.cat.versions().map(str::to_string).collect()
    }

    /// The current rule bundle.
    #[getter]
    fn bundle(&self) -> PyRuleBundle {
        PyRuleBundle {
            cat: self.cat.clone(),
            version: self.cat.bundle().version().to_string(),
        }
    }

    /// The bundle with a version, or None when not held.
    fn bundle_by_version(&self, version: &str) -> Option<PyRuleBundle> {
        self.cat.bundle_by_version(version).map(|b| PyRuleBundle {
            cat: self.cat.clone(),
            version: b.version().to_string(),
        })
    }

    /// Evaluates a request: every rule of the service, the fee quote and any
    /// deadline. `facts` is a kmcore.Facts or a dict of fact names to values.
    /// `bundle_version` picks an older bundle the catalogue holds.
    ///
    /// Raises InvalidInputError (`fact.missing`) when a fact the service
    /// requires in the jurisdiction is missing; a failed rule is not an
    /// error but a failed check in the decision.
    #[pyo3(signature = (service, jurisdiction, as_of, facts = None, *, bundle_version = None))]
    fn evaluate(
        &self,
        service: E<ServiceId>,
        jurisdiction: E<Jurisdiction>,
        as_of: &Bound<'_, PyAny>,
        facts: Option<&Bound<'_, PyAny>>,
        bundle_version: Option<&str>,
    ) -> PyResult<PyDecision> {
        let request = Request {
            service: service.0,
            jurisdiction: jurisdiction.0,
            as_of: as_of_from_py(as_of)?,
            facts: facts_from_py(facts)?,
        };
        self.evaluate_in(&request, bundle_version)
    }

    /// Evaluates a kmcore.Request (see `evaluate`).
    #[pyo3(signature = (request, *, bundle_version = None))]
    fn evaluate_request(
        &self,
        request: PyRef<'_, PyRequest>,
        bundle_version: Option<&str>,
    ) -> PyResult<PyDecision> {
        self.evaluate_in(&request.0, bundle_version)
    }

    /// The documents checklist for a request: every document the service may
    /// ask for in the jurisdiction, whether it is required given the facts,
    /// and whether the facts say it was supplied.
    #[pyo3(signature = (service, jurisdiction, as_of, facts = None))]
    fn documents(
        &self,
        service: E<ServiceId>,
        jurisdiction: E<Jurisdiction>,
        as_of: &Bound<'_, PyAny>,
        facts: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<PyDocumentItem>> {
        let request = Request {
            service: service.0,
            jurisdiction: jurisdiction.0,
            as_of: as_of_from_py(as_of)?,
            facts: facts_from_py(facts)?,
        };
        Ok(self
            .cat
            .documents(&request)
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// The English or Urdu name of a term (a document, a category, a test).
    #[pyo3(signature = (term, lang = E(Lang::En)))]
    fn term(&self, term: &str, lang: E<Lang>) -> String {
        self.cat.term(term, lang.0)
    }

    /// The note for the counter clerk on a reason code (how the rule is
    /// read, what is uncertain, its source), or None. Never part of the
    /// citizen's message.
    #[pyo3(signature = (code, lang = E(Lang::En)))]
    fn clerk_note(&self, code: &str, lang: E<Lang>) -> PyResult<Option<String>> {
        Ok(message_code(code)?.and_then(|(cat, code)| cat.clerk_note(code, lang.0)))
    }

    /// What the catalogue knows about a service.
    fn service(&self, service: E<ServiceId>) -> PyServiceInfo {
        PyServiceInfo(self.cat.service(service.0))
    }

    /// Every service, in catalogue order.
    fn services(&self) -> Vec<PyServiceInfo> {
        self.cat.services().map(PyServiceInfo).collect()
    }

    /// A service's workflow, or None for a check.
    fn workflow(&self, service: E<ServiceId>) -> Option<PyWorkflow> {
        self.cat.workflow(service.0).map(PyWorkflow)
    }

    /// Every workflow.
    fn workflows(&self) -> Vec<PyWorkflow> {
        self.cat.workflows().map(PyWorkflow).collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "Catalogue(bundle_version={:?}, versions={:?})",
            self.cat.bundle().version(),
            self.versions()
        )
    }

    #[staticmethod]
    fn _from_steps(steps: &Bound<'_, PyAny>) -> PyResult<Self> {
        let mut out = Vec::new();
        for step in steps.try_iter()? {
            let step = step?;
            let kind: String = step.get_item(0)?.extract()?;
            out.push(match kind.as_str() {
                "embedded" => Step::Embedded,
                "parts" => Step::Parts(parts_from_py(&step.get_item(1)?)?),
                "bundle" => Step::Bundle(parts_from_py(&step.get_item(1)?)?),
                "overlay" => {
                    Step::Overlay(step.get_item(1)?.extract()?, step.get_item(2)?.extract()?)
                }
                other => {
                    return Err(invalid(
                        "catalogue.state",
                        &format!("unknown step `{other}`"),
                    ));
                }
            });
        }
        PyCatalogue::build(out)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyList>,))> {
        let py = slf.py();
        let steps = PyList::empty(py);
        for step in &slf.get().steps {
            let item = match step {
                Step::Embedded => PyTuple::new(py, ["embedded"])?.into_any(),
                Step::Parts(p) => ("parts", p.clone()).into_pyobject(py)?.into_any(),
                Step::Bundle(p) => ("bundle", p.clone()).into_pyobject(py)?.into_any(),
                Step::Overlay(n, t) => ("overlay", n.clone(), t.clone())
                    .into_pyobject(py)?
                    .into_any(),
            };
            steps.append(item)?;
        }
        Ok((slf.get_type().getattr("_from_steps")?, (steps,)))
    }
}

// --------------------------------------------------------------------------

/// A rule bundle held by a catalogue: dated values with their sources.
#[pyclass(module = "kmcore", name = "RuleBundle", frozen)]
pub struct PyRuleBundle {
    cat: kmcore::Catalogue,
    version: String,
}

impl PyRuleBundle {
    fn bundle(&self) -> PyResult<&kmcore::RuleBundle> {
        self.cat
            .bundle_by_version(&self.version)
            .ok_or_else(|| invalid("bundle.unknown_version", "bundle not held"))
    }
}

#[pymethods]
impl PyRuleBundle {
    #[getter]
    fn version(&self) -> &str {
        &self.version
    }
    #[getter]
    fn title(&self) -> PyResult<String> {
        Ok(self.bundle()?.title().to_string())
    }
    /// The file(s) it was read from.
    #[getter]
    fn file_name(&self) -> PyResult<String> {
        Ok(self.bundle()?.file_name().to_string())
    }
    /// For a merged what-if bundle, the overlay's declared base version.
    #[getter]
    fn overlay_of(&self) -> PyResult<Option<String>> {
        Ok(self.bundle()?.overlay_of().map(str::to_string))
    }
    /// The value of a parameter in force on a day, or None when the bundle
    /// has no value for that jurisdiction and day. `variant` is "" for a
    /// parameter without variants.
    #[pyo3(signature = (service, name, variant = "", *, jurisdiction, on))]
    fn value(
        &self,
        service: E<ServiceId>,
        name: &str,
        variant: &str,
        jurisdiction: E<Jurisdiction>,
        on: &Bound<'_, PyAny>,
    ) -> PyResult<Option<PyDatedValue>> {
        let day: NaiveDate = date_from_py(on, "on")?;
        Ok(self
            .bundle()?
            .value(service.0, name, variant, jurisdiction.0, day)
            .cloned()
            .map(PyDatedValue))
    }
    /// Every dated value of a parameter in a jurisdiction, oldest first.
    #[pyo3(signature = (service, name, variant = "", *, jurisdiction))]
    fn history(
        &self,
        service: E<ServiceId>,
        name: &str,
        variant: &str,
        jurisdiction: E<Jurisdiction>,
    ) -> PyResult<Vec<PyDatedValue>> {
        Ok(self
            .bundle()?
            .history(service.0, name, variant, jurisdiction.0)
            .iter()
            .cloned()
            .map(PyDatedValue)
            .collect())
    }
    /// Every dated value in the bundle, in a stable order.
    fn values(&self) -> PyResult<Vec<PyDatedValue>> {
        Ok(self
            .bundle()?
            .all_values()
            .cloned()
            .map(PyDatedValue)
            .collect())
    }
    /// The public holidays of a jurisdiction (they stop SLA clocks).
    fn holidays(&self, jurisdiction: E<Jurisdiction>) -> PyResult<Vec<NaiveDate>> {
        Ok(self.bundle()?.holidays(jurisdiction.0).to_vec())
    }
    fn __repr__(&self) -> PyResult<String> {
        Ok(format!(
            "RuleBundle(version={:?}, title={:?})",
            self.version,
            self.bundle()?.title()
        ))
    }
}

// --------------------------------------------------------------------------

/// A parameter a service reads from the rule bundle.
#[pyclass(module = "kmcore", name = "ParamDef", frozen, eq, hash)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PyParamDef {
    #[pyo3(get)]
    name: String,
    unit: Unit,
    #[pyo3(get)]
    variants: Vec<String>,
    #[pyo3(get)]
    doc: String,
}

#[pymethods]
impl PyParamDef {
    #[new]
    fn new(name: String, unit: E<Unit>, variants: Vec<String>, doc: String) -> Self {
        PyParamDef {
            name,
            unit: unit.0,
            variants,
            doc,
        }
    }
    #[getter]
    fn unit(&self) -> E<Unit> {
        E(self.unit)
    }
    fn __repr__(&self) -> String {
        format!(
            "ParamDef(name={:?}, unit={:?}, variants={:?})",
            self.name,
            self.unit.as_str(),
            self.variants
        )
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(
        Bound<'py, PyType>,
        (String, Bound<'py, PyAny>, Vec<String>, String),
    )> {
        let p = slf.get();
        Ok((
            slf.get_type(),
            (
                p.name.clone(),
                E(p.unit).into_pyobject(slf.py())?,
                p.variants.clone(),
                p.doc.clone(),
            ),
        ))
    }
}

/// What the catalogue knows about a service: titles, kind, where it is
/// offered, the facts it needs, its bundle parameters and reason codes.
#[pyclass(module = "kmcore", name = "ServiceInfo", frozen)]
#[derive(Clone, Copy, Debug)]
pub struct PyServiceInfo(kmcore::ServiceInfo);

#[pymethods]
impl PyServiceInfo {
    #[new]
    fn new(service: E<ServiceId>) -> PyResult<Self> {
        let cat = kmcore::Catalogue::embedded().into_py_result()?;
        Ok(PyServiceInfo(cat.service(service.0)))
    }
    #[getter]
    fn id(&self) -> E<ServiceId> {
        E(self.0.id)
    }
    #[getter]
    fn title(&self) -> &'static str {
        self.0.title
    }
    #[getter]
    fn title_ur(&self) -> &'static str {
        self.0.title_ur
    }
    /// The family part of the dotted id (`driving_licence`).
    #[getter]
    fn family(&self) -> &'static str {
        self.0.id.family()
    }
    #[getter]
    fn kind(&self) -> E<ServiceKind> {
        E(self.0.kind)
    }
    /// Jurisdictions whose centres offer it.
    #[getter]
    fn offered_in(&self) -> Vec<E<Jurisdiction>> {
        self.0.offered_in.iter().copied().map(E).collect()
    }
    /// Facts that may be given but are not required.
    #[getter]
    fn optional_facts(&self) -> Vec<E<FactKey>> {
        self.0.optional_facts.iter().copied().map(E).collect()
    }
    /// Parameters read from the rule bundle.
    #[getter]
    fn params(&self) -> Vec<PyParamDef> {
        self.0
            .params
            .iter()
            .map(|p| PyParamDef {
                name: p.name.to_string(),
                unit: p.unit,
                variants: p.variants.iter().map(|v| v.to_string()).collect(),
                doc: p.doc.to_string(),
            })
            .collect()
    }
    /// Every reason code the service can emit.
    #[getter]
    fn reasons(&self) -> Vec<&'static str> {
        self.0
            .reasons
            .iter()
            .map(|r: &ReasonCode| r.as_str())
            .collect()
    }
    /// The facts the service requires in a jurisdiction.
    fn required_facts(&self, jurisdiction: E<Jurisdiction>) -> Vec<E<FactKey>> {
        self.0
            .required_facts(jurisdiction.0)
            .iter()
            .copied()
            .map(E)
            .collect()
    }
    /// The ids of the documents it may ask for in a jurisdiction.
    fn document_ids(&self, jurisdiction: E<Jurisdiction>) -> Vec<&'static str> {
        self.0.document_ids(jurisdiction.0)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyServiceInfo>()
            .is_ok_and(|o| o.get().0.id == self.0.id)
    }
    fn __hash__(&self) -> u64 {
        self.0.id as u64
    }
    fn __repr__(&self) -> String {
        format!(
            "ServiceInfo(id={:?}, title={:?})",
            self.0.id.as_str(),
            self.0.title
        )
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, (Bound<'py, PyAny>,))> {
        Ok((
            slf.get_type(),
            (E(slf.get().0.id).into_pyobject(slf.py())?,),
        ))
    }
}

// --------------------------------------------------------------------------

/// One state of a workflow.
#[pyclass(module = "kmcore", name = "StateInfo", frozen, eq, hash)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PyStateInfo {
    #[pyo3(get)]
    name: String,
    /// No event leaves this state.
    #[pyo3(get)]
    terminal: bool,
    /// The office waits for the citizen: the SLA clock is paused.
    #[pyo3(get)]
    waits_on_citizen: bool,
    /// The service has been delivered: the SLA clock has stopped.
    #[pyo3(get)]
    done: bool,
}

#[pymethods]
impl PyStateInfo {
    #[new]
    #[pyo3(signature = (name, terminal = false, waits_on_citizen = false, done = false))]
    fn new(name: String, terminal: bool, waits_on_citizen: bool, done: bool) -> Self {
        PyStateInfo {
            name,
            terminal,
            waits_on_citizen,
            done,
        }
    }
    fn __repr__(&self) -> String {
        format!(
            "StateInfo(name={:?}, terminal={}, waits_on_citizen={}, done={})",
            self.name,
            py_bool(self.terminal),
            py_bool(self.waits_on_citizen),
            py_bool(self.done)
        )
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (String, bool, bool, bool)) {
        let s = slf.get();
        (
            slf.get_type(),
            (s.name.clone(), s.terminal, s.waits_on_citizen, s.done),
        )
    }
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// One event of a workflow: its guard (none, the service's own eligibility
/// rules, or another service's rules) and the date fact it stamps.
#[pyclass(module = "kmcore", name = "EventInfo", frozen, eq, hash)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PyEventInfo {
    #[pyo3(get)]
    name: String,
    guard: GuardKind,
    guard_service: Option<ServiceId>,
    stamps: Option<FactKey>,
}

#[pymethods]
impl PyEventInfo {
    #[new]
    #[pyo3(signature = (name, guard, guard_service = None, stamps = None))]
    fn new(
        name: String,
        guard: E<GuardKind>,
        guard_service: Option<E<ServiceId>>,
        stamps: Option<E<FactKey>>,
    ) -> Self {
        PyEventInfo {
            name,
            guard: guard.0,
            guard_service: guard_service.map(|s| s.0),
            stamps: stamps.map(|s| s.0),
        }
    }
    #[getter]
    fn guard(&self) -> E<GuardKind> {
        E(self.guard)
    }
    /// The service whose rules guard the event (for Guard.RULES; the
    /// application's own service for Guard.ELIGIBILITY), else None.
    #[getter]
    fn guard_service(&self) -> Option<E<ServiceId>> {
        self.guard_service.map(E)
    }
    /// The date fact the event records (its own date), if any.
    #[getter]
    fn stamps(&self) -> Option<E<FactKey>> {
        self.stamps.map(E)
    }
    fn __repr__(&self) -> String {
        format!(
            "EventInfo(name={:?}, guard={:?})",
            self.name,
            self.guard.value()
        )
    }
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(
        Bound<'py, PyType>,
        (
            String,
            Bound<'py, PyAny>,
            Option<Bound<'py, PyAny>>,
            Option<Bound<'py, PyAny>>,
        ),
    )> {
        let e = slf.get();
        let py = slf.py();
        Ok((
            slf.get_type(),
            (
                e.name.clone(),
                E(e.guard).into_pyobject(py)?,
                e.guard_service
                    .map(|s| E(s).into_pyobject(py))
                    .transpose()?,
                e.stamps.map(|s| E(s).into_pyobject(py)).transpose()?,
            ),
        ))
    }
}

/// A service's workflow: states, events and transitions by name.
#[pyclass(module = "kmcore", name = "Workflow", frozen)]
#[derive(Clone, Copy)]
pub struct PyWorkflow(&'static kmcore::WorkflowTable);

impl PyWorkflow {
    fn state_index(&self, state: &str) -> PyResult<usize> {
        self.0.state_index(state).ok_or_else(|| {
            invalid(
                "workflow.unknown_state",
                &format!("{}: unknown state `{state}`", self.0.service()),
            )
        })
    }
}

#[pymethods]
impl PyWorkflow {
    /// The workflow of a service; InvalidInputError for a check.
    #[new]
    fn new(service: E<ServiceId>) -> PyResult<Self> {
        let cat = kmcore::Catalogue::embedded().into_py_result()?;
        cat.workflow(service.0).map(PyWorkflow).ok_or_else(|| {
            invalid(
                "service.no_workflow",
                &format!(
                    "{} is a check, not an application with a workflow",
                    service.0
                ),
            )
        })
    }
    #[getter]
    fn service(&self) -> E<ServiceId> {
        E(self.0.service())
    }
    /// The state a new application starts in.
    #[getter]
    fn initial(&self) -> &'static str {
        self.0.state_name(self.0.initial()).unwrap_or("")
    }
    #[getter]
    fn states(&self) -> Vec<PyStateInfo> {
        self.0
            .states()
            .iter()
            .map(|s| PyStateInfo {
                name: s.name.to_string(),
                terminal: s.flags.terminal,
                waits_on_citizen: s.flags.waits_on_citizen,
                done: s.flags.done,
            })
            .collect()
    }
    #[getter]
    fn events(&self) -> Vec<PyEventInfo> {
        self.0
            .events()
            .iter()
            .map(|e| PyEventInfo {
                name: e.name.to_string(),
                guard: e.guard.into(),
                guard_service: match e.guard {
                    kmcore::Guard::None => None,
                    kmcore::Guard::Eligibility => Some(self.0.service()),
                    kmcore::Guard::Rules(s) => Some(s),
                },
                stamps: e.stamps,
            })
            .collect()
    }
    /// Every transition as (from state, event, to state).
    #[getter]
    fn transitions(&self) -> Vec<(&'static str, &'static str, &'static str)> {
        self.0
            .transitions()
            .map(|(s, e, t)| {
                (
                    self.0.state_name(s).unwrap_or(""),
                    self.0.event_name(e).unwrap_or(""),
                    self.0.state_name(t).unwrap_or(""),
                )
            })
            .collect()
    }
    /// The state after `event` in `state`, or None when not allowed.
    fn next(&self, state: &str, event: &str) -> PyResult<Option<&'static str>> {
        let s = self.state_index(state)?;
        Ok(self
            .0
            .event_index(event)
            .and_then(|e| self.0.next(s, e))
            .and_then(|t| self.0.state_name(t)))
    }
    /// The events accepted in a state.
    fn allowed(&self, state: &str) -> PyResult<Vec<&'static str>> {
        let s = self.state_index(state)?;
        Ok(self
            .0
            .allowed(s)
            .filter_map(|e| self.0.event_name(e))
            .collect())
    }
    /// The workflow as a Mermaid state diagram.
    fn to_mermaid(&self) -> String {
        self.0.to_mermaid()
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyWorkflow>()
            .is_ok_and(|o| o.get().0.service() == self.0.service())
    }
    fn __hash__(&self) -> u64 {
        self.0.service() as u64
    }
    fn __repr__(&self) -> String {
        format!(
            "Workflow(service={:?}, states={}, events={})",
            self.0.service().as_str(),
            self.0.states().len(),
            self.0.events().len()
        )
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, (Bound<'py, PyAny>,))> {
        Ok((
            slf.get_type(),
            (E(slf.get().0.service()).into_pyobject(slf.py())?,),
        ))
    }
}

/// The JSON Schema of the rule-bundle file format (pretty JSON text).
#[pyfunction]
pub(crate) fn bundle_schema_json() -> String {
    kmcore::bundle_schema_json()
}

/// The JSON Schema of the serialised application log (pretty JSON text).
#[pyfunction]
pub(crate) fn log_schema_json() -> String {
    kmcore::log_schema_json()
}

/// Whether the message catalogues have texts for a reason code in a language.
#[pyfunction]
#[pyo3(signature = (code, lang = E(Lang::En)))]
pub(crate) fn has_message(code: &str, lang: E<Lang>) -> PyResult<bool> {
    Ok(message_code(code)?.is_some_and(|(cat, code)| cat.has_message(code, lang.0)))
}

/// The embedded catalogue and the reason code named `code`, when the
/// message catalogues have texts for it (messages are the same for every
/// bundle).
fn message_code(code: &str) -> PyResult<Option<(&'static kmcore::Catalogue, ReasonCode)>> {
    let cat = kmcore::Catalogue::embedded().into_py_result()?;
    Ok(cat
        .message_codes()
        .into_iter()
        .find(|c| *c == code)
        .map(|c| (cat, ReasonCode::new(c))))
}
