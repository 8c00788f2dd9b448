/* tslint:disable */
/* eslint-disable */
/**
 * A bundle value a check or fee line used: its key, dates, source, basis.
 */
export interface RuleValue {
    /**
     * The full parameter key, such as `driving_licence.learner_permit.fee.motorcycle`.
     */
    key: string;
    /**
     * The jurisdiction it applies in.
     */
    jurisdiction: Jurisdiction;
    /**
     * The first day it applies (ISO date).
     */
    from: string;
    /**
     * The last day it applies, when it has one.
     */
    to: string | null;
    /**
     * The number, in `unit` (money in paisa).
     */
    amount: number;
    /**
     * The unit of `amount`.
     */
    unit: Unit;
    /**
     * Where the value comes from.
     */
    source: string;
    /**
     * Confirmed or uncertain.
     */
    basis: Basis;
    /**
     * Why the start date is assumed, when no source gives it.
     */
    startAssumed: string | null;
    /**
     * A note on the value.
     */
    note: string | null;
    /**
     * Other values reported for the same period, not applied.
     */
    conflicts: ConflictingValue[];
}

/**
 * A deadline or last valid moment a check computed.
 */
export type Deadline = { kind: "date"; date: string } | { kind: "instant"; at: string };

/**
 * A fee quote: its lines, then the total.
 */
export interface FeeQuote {
    /**
     * Known, not known, or not charged.
     */
    status: FeeStatus;
    /**
     * The lines, in the order they add up.
     */
    lines: FeeLine[];
    /**
     * The total in paisa, when known.
     */
    totalPaisa: number | null;
    /**
     * The total as receipt text, when known.
     */
    totalText: string | null;
}

/**
 * A jurisdiction with its names.
 */
export interface JurisdictionInfo {
    /**
     * The code.
     */
    code: Jurisdiction;
    /**
     * English name.
     */
    name: string;
    /**
     * Urdu name.
     */
    nameUr: string;
}

/**
 * A named parameter of a check, such as `minimum: 18 years`.
 */
export interface Param {
    /**
     * The placeholder name, such as `minimum`.
     */
    name: string;
    /**
     * The kind of value.
     */
    kind: ParamKind;
    /**
     * The number, for numeric kinds (money in paisa, a span in months).
     */
    number: number | null;
    /**
     * The value as a string: an ISO date, an RFC 3339 instant or a term id;
     * null for numeric kinds.
     */
    value: string | null;
    /**
     * The value as English text, such as `18 years`.
     */
    text: string;
}

/**
 * A parameter a service reads from the rule bundle.
 */
export interface ParamInfo {
    /**
     * The name, such as `fee` or `min_age`.
     */
    name: string;
    /**
     * Its unit.
     */
    unit: Unit;
    /**
     * Allowed variant names (categories...); empty when it has none.
     */
    variants: string[];
    /**
     * What it means.
     */
    doc: string;
}

/**
 * A question to the rules, as JS gives it.
 *
 * ```js
 * evaluate({
 *   service: "driving_licence.learner_permit",
 *   jurisdiction: "PB",
 *   asOf: "2026-03-01",
 *   facts: { category: "motorcycle", date_of_birth: "2008-02-29", has_valid_cnic: true },
 * })
 * ```
 */
export interface RequestInput {
    /**
     * The service's dotted id.
     */
    service: ServiceId;
    /**
     * The jurisdiction whose rules apply.
     */
    jurisdiction: Jurisdiction;
    /**
     * When the rules are applied: an ISO date (`2026-03-01`), or an RFC
     * 3339 instant with offset for deadline checks
     * (`2026-01-02T19:59:00+05:00`).
     */
    asOf: string;
    /**
     * The facts, by dictionary key: booleans, whole numbers and strings
     * (choices, ISO dates, RFC 3339 instants). `null` means not given.
     */
    facts?: Record<string, boolean | number | string | null>;
}

/**
 * A service of the catalogue, by its dotted id.
 */
export type ServiceId = "driving_licence.learner_permit" | "driving_licence.test_booking" | "driving_licence.retest" | "driving_licence.permanent" | "driving_licence.renewal" | "driving_licence.duplicate" | "driving_licence.international_permit" | "driving_licence.juvenile_motorcycle_permit" | "character_certificate.issue" | "character_certificate.validity" | "police_verification.general" | "tenant_registration.register" | "tenant_registration.deadline" | "guest_registration.deadline" | "employee_registration.verify" | "arms_licence.new" | "arms_licence.renewal" | "arms_licence.duplicate" | "lost_report.file" | "vehicle_verification.verify" | "foreigner_registration.register" | "community_policing.enrol" | "fir_copy.request" | "crime_report.file" | "driving_licence.noc" | "driving_licence.learner_renewal" | "driving_licence.learner_duplicate" | "arms_licence.all_pakistan" | "driving_licence.restoration";

/**
 * A service's workflow: its states, events and moves.
 */
export interface WorkflowInfo {
    /**
     * The service.
     */
    service: ServiceId;
    /**
     * The state a new application starts in.
     */
    initial: string;
    /**
     * Every state.
     */
    states: StateInfo[];
    /**
     * Every event.
     */
    events: EventInfo[];
    /**
     * Every allowed move.
     */
    transitions: Transition[];
    /**
     * The workflow as a Mermaid state diagram.
     */
    mermaid: string;
}

/**
 * A valid CNIC.
 */
export interface Cnic {
    /**
     * The dashed 5-7-1 form, `35202-1234567-1`.
     */
    normalized: string;
    /**
     * The form with the middle block hidden, for logs and screens.
     */
    redacted: string;
    /**
     * Gender encoded by the last digit.
     */
    gender: Gender;
    /**
     * The region of the first digit, as its stable name.
     */
    region: string;
}

/**
 * A valid Pakistani mobile number.
 */
export interface MobileNumber {
    /**
     * E.164, `+923001234567`.
     */
    normalized: string;
    /**
     * National form, `03001234567`.
     */
    national: string;
    /**
     * The network the prefix was first allotted to.
     */
    operatorHint: MobileOperator;
}

/**
 * A valid vehicle plate.
 */
export interface VehicleRegistration {
    /**
     * The uppercase hyphenated form, `LEA-1234`.
     */
    normalized: string;
}

/**
 * A value reported by another source for the same period but not applied.
 */
export interface ConflictingValue {
    /**
     * The value reported, in the parameter's unit.
     */
    value: number;
    /**
     * Where it was reported.
     */
    source: string;
    /**
     * Confirmed or uncertain.
     */
    basis: Basis;
    /**
     * Why it is not applied.
     */
    note: string | null;
}

/**
 * An application (with a workflow) or a check (answered once).
 */
export type ServiceKind = "application" | "check";

/**
 * Confirmed or uncertain: how well a bundle value is sourced.
 */
export type Basis = "confirmed" | "uncertain";

/**
 * Gender encoded by a CNIC's last digit (odd male, even female).
 */
export type Gender = "male" | "female";

/**
 * One allowed move of a workflow.
 */
export interface Transition {
    /**
     * The state it leaves.
     */
    from: string;
    /**
     * The event.
     */
    event: string;
    /**
     * The state it enters.
     */
    to: string;
}

/**
 * One allowed value of a choice fact, with its English and Urdu names.
 */
export interface Choice {
    /**
     * The value to pass, such as `motor_car`.
     */
    value: string;
    /**
     * English name, such as `motor car`.
     */
    label: string;
    /**
     * Urdu name.
     */
    labelUr: string;
}

/**
 * One event of a workflow.
 */
export interface EventInfo {
    /**
     * The event's name, such as `submit`.
     */
    name: string;
    /**
     * What must hold before it is accepted.
     */
    guard: Guard;
    /**
     * A date fact the event records, such as `learner_issued_on`.
     */
    stamps: string | null;
}

/**
 * One field of a service's form: a key of the facts dictionary, its type,
 * its allowed values and whether the service requires it.
 */
export interface FactSpec {
    /**
     * The key, such as `date_of_birth`.
     */
    key: string;
    /**
     * The type of its value.
     */
    type: FactType;
    /**
     * The allowed values of a choice; empty for other types.
     */
    allowed: Choice[];
    /**
     * True when the service needs it in the jurisdiction; false when it
     * may be given (it matters in some cases only).
     */
    required: boolean;
}

/**
 * One line of a documents checklist.
 */
export interface DocumentItem {
    /**
     * Stable id, such as `authority_letter`.
     */
    id: string;
    /**
     * English name.
     */
    name: string;
    /**
     * Urdu name.
     */
    nameUr: string;
    /**
     * Required given the facts; null when it depends on a fact not given.
     */
    required: boolean | null;
    /**
     * When it is required, if not always (`when applicant_abroad`).
     */
    condition: string | null;
    /**
     * Whether the facts say it was supplied; null when not said.
     */
    provided: boolean | null;
    /**
     * True when it is required and the facts say it is missing.
     */
    missing: boolean;
}

/**
 * One line of a fee quote.
 */
export interface FeeLine {
    /**
     * What it is for.
     */
    kind: FeeLineKind;
    /**
     * The amount in paisa.
     */
    amountPaisa: number;
    /**
     * The amount as receipt text, `Rs 1,830`.
     */
    amountText: string;
    /**
     * The bundle value it came from.
     */
    rule: RuleValue;
}

/**
 * One rule checked, with its stable code and its message in both languages.
 */
export interface Check {
    /**
     * Stable reason code, such as `age.minimum`.
     */
    code: string;
    /**
     * True when the rule passed.
     */
    passed: boolean;
    /**
     * Its named parameters.
     */
    params: Param[];
    /**
     * The message in English.
     */
    messageEn: string;
    /**
     * The message in Urdu; numbers and dates are wrapped in left-to-right
     * isolates (U+2066 ... U+2069) so they keep their order.
     */
    messageUr: string;
    /**
     * The bundle value the rule used, if any.
     */
    rule: RuleValue | null;
}

/**
 * One state of a workflow.
 */
export interface StateInfo {
    /**
     * The state's name, such as `submitted`.
     */
    name: string;
    /**
     * No event leaves this state.
     */
    terminal: boolean;
    /**
     * The office waits for the citizen (the SLA clock is paused).
     */
    waitsOnCitizen: boolean;
    /**
     * The service has been delivered.
     */
    done: boolean;
    /**
     * The events accepted in this state: the next steps.
     */
    next: string[];
}

/**
 * The answer in three words. See [`outcome`].
 */
export type Outcome = "eligible" | "refused" | "undetermined";

/**
 * The answer to a request: the outcome, every rule checked, the fee quote
 * and any deadline, under a named bundle version.
 */
export interface Decision {
    /**
     * The service asked about.
     */
    service: ServiceId;
    /**
     * The jurisdiction whose rules applied.
     */
    jurisdiction: Jurisdiction;
    /**
     * When the rules were applied, as given (ISO date or RFC 3339 instant).
     */
    asOf: string;
    /**
     * The calendar date the rules were applied on (ISO).
     */
    date: string;
    /**
     * The version of the bundle the values came from.
     */
    bundleVersion: string;
    /**
     * Eligible, refused or undetermined.
     */
    outcome: Outcome;
    /**
     * True when the outcome is `eligible`.
     */
    eligible: boolean;
    /**
     * For a refusal that time alone will lift, the first day to come back
     * (ISO); otherwise null.
     */
    eligibleFrom: string | null;
    /**
     * For an undetermined decision, the required facts still to be given
     * (names as in the request); empty otherwise.
     */
    missingFacts: string[];
    /**
     * Every rule checked, passed and failed, in the order checked.
     */
    checks: Check[];
    /**
     * The codes of the failed checks.
     */
    failed: string[];
    /**
     * The fee quote (computed even when a rule failed).
     */
    quote: FeeQuote;
    /**
     * The fee to pay in paisa: the total when eligible and known, else null.
     */
    feeDuePaisa: number | null;
    /**
     * The fee to pay as receipt text, `Rs 500`; null when none is due.
     */
    feeDueText: string | null;
    /**
     * A deadline or last valid day, for checks that compute one.
     */
    deadline: Deadline | null;
}

/**
 * The coarse kind of an error (`KmError.kind` in JS).
 */
export type ErrorKind = "invalid_input" | "not_eligible" | "move_not_allowed" | "bundle" | "tampered_log" | "not_known" | "undetermined" | "internal";

/**
 * The kind of a check parameter's value.
 */
export type ParamKind = "number" | "years" | "months" | "days" | "working_days" | "hours" | "cc" | "money" | "date" | "instant" | "span" | "term";

/**
 * The network a mobile prefix was first allotted to (only a hint:
 * numbers are portable).
 */
export type MobileOperator = "jazz" | "zong" | "ufone" | "telenor" | "sco" | "unknown";

/**
 * The type of a fact's value, which says how a form asks for it.
 */
export type FactType = "bool" | "integer" | "date" | "instant" | "choice" | "text";

/**
 * The unit of a bundle value.
 */
export type Unit = "rupees" | "years" | "months" | "days" | "working_days" | "hours" | "cc";

/**
 * What a fee line is for.
 */
export type FeeLineKind = "base" | "test" | "urgent" | "late" | "courier" | "nadra_processing";

/**
 * What must hold before a workflow event is accepted.
 */
export type Guard = { kind: "none" } | { kind: "eligibility" } | { kind: "rules"; service: ServiceId };

/**
 * What the catalogue knows about a service.
 */
export interface ServiceInfo {
    /**
     * The dotted id.
     */
    id: ServiceId;
    /**
     * The family, the part before the dot (`driving_licence`).
     */
    family: string;
    /**
     * English title.
     */
    title: string;
    /**
     * Urdu title.
     */
    titleUr: string;
    /**
     * Application or check.
     */
    kind: ServiceKind;
    /**
     * Jurisdictions whose centres offer it.
     */
    offeredIn: Jurisdiction[];
    /**
     * The facts it requires, per jurisdiction (every jurisdiction is a key).
     */
    requiredFacts: Record<Jurisdiction, string[]>;
    /**
     * Facts that may be given but are not required.
     */
    optionalFacts: string[];
    /**
     * Ids of the documents it may ask for, per jurisdiction.
     */
    documentIds: Record<Jurisdiction, string[]>;
    /**
     * Parameters read from the rule bundle.
     */
    params: ParamInfo[];
    /**
     * Every reason code it can emit.
     */
    reasons: string[];
}

/**
 * Where the rules apply.
 */
export type Jurisdiction = "PB" | "ICT" | "SD" | "KP";

/**
 * Whether a fee is known.
 */
export type FeeStatus = "known" | "not_known" | "not_charged";


/**
 * The version of the embedded rule bundle.
 *
 * # Errors
 *
 * Throws `KmError` only if the embedded bundle fails to load.
 */
export function bundleVersion(): string;

/**
 * The documents checklist of a request: what to bring, whether each is
 * required given the facts given so far, and whether it was supplied.
 *
 * # Errors
 *
 * Throws `KmError` as [`evaluate`] does, except that required facts may
 * be missing.
 */
export function documents(request: RequestInput): DocumentItem[];

/**
 * Evaluates a request: the outcome, every rule checked with its message
 * in English and Urdu, the fee quote and any deadline.
 *
 * # Errors
 *
 * Throws `KmError` (`kind: "invalid_input"`) for a request of the wrong
 * shape (`input.shape`), an unknown service or jurisdiction, a date that
 * does not parse, an unknown fact (`fact.unknown`), a value of the wrong
 * type (`fact.type`) or outside the allowed values (`fact.value`), or a
 * missing required fact (`fact.missing`).
 */
export function evaluate(request: RequestInput): Decision;

/**
 * The whole facts dictionary: every key with its type and allowed values.
 *
 * # Errors
 *
 * Throws `KmError` only if the embedded bundle fails to load.
 */
export function factDictionary(): FactSpec[];

/**
 * The form of a service in a jurisdiction: the facts it requires, then
 * those it takes in some cases only, each with its type and allowed values.
 *
 * # Errors
 *
 * Throws `KmError` for an unknown service or jurisdiction.
 */
export function form(service: ServiceId, jurisdiction: Jurisdiction): FactSpec[];

/**
 * Formats an amount in paisa like a receipt: `Rs 1,830`, `Rs 1,830.50`.
 *
 * # Errors
 *
 * Throws `KmError` (`input.type`) unless `paisa` is a whole number within
 * `Number.MAX_SAFE_INTEGER`.
 */
export function formatMoney(paisa: number): string;

/**
 * Every jurisdiction with its English and Urdu names.
 */
export function jurisdictions(): JurisdictionInfo[];

/**
 * Validates a CNIC (`DDDDD-DDDDDDD-D` or 13 digits).
 *
 * # Errors
 *
 * Throws `KmError` (`invalid_input`) naming what is wrong.
 */
export function parseCnic(value: string): Cnic;

/**
 * Validates a Pakistani mobile number.
 *
 * # Errors
 *
 * Throws `KmError` (`invalid_input`) naming what is wrong.
 */
export function parseMobile(value: string): MobileNumber;

/**
 * Validates a vehicle plate under a scheme for a vehicle kind.
 *
 * # Errors
 *
 * Throws `KmError` (`invalid_input`) for an unknown scheme or kind, or a
 * plate of the wrong shape.
 */
export function parsePlate(value: string, scheme: "pb_universal_2017" | "sd_1996", kind: "car" | "motorcycle"): VehicleRegistration;

/**
 * What the catalogue knows about one service.
 *
 * # Errors
 *
 * Throws `KmError` (`service.unknown`) for an id not in the catalogue.
 */
export function service(id: ServiceId): ServiceInfo;

/**
 * Every service of the catalogue, with its titles, the facts it requires
 * per jurisdiction, its documents and its reason codes.
 *
 * # Errors
 *
 * Throws `KmError` only if the embedded bundle fails to load (it is
 * checked by the tests).
 */
export function services(): ServiceInfo[];

/**
 * The English or Urdu name of a term (a document, a category, a test,
 * a jurisdiction code); the id with spaces when the catalogue has none.
 *
 * # Errors
 *
 * Throws `KmError` (`lang.unknown`) for a language other than `en`, `ur`.
 */
export function term(term: string, lang: "en" | "ur"): string;

/**
 * The workflow of an application service (its states, events, moves and
 * the next steps from each state); `null` for a check.
 *
 * # Errors
 *
 * Throws `KmError` (`service.unknown`) for an id not in the catalogue.
 */
export function workflow(service: ServiceId): WorkflowInfo | null;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly bundleVersion: (a: number) => void;
    readonly documents: (a: number, b: number) => void;
    readonly evaluate: (a: number, b: number) => void;
    readonly factDictionary: (a: number) => void;
    readonly form: (a: number, b: number, c: number) => void;
    readonly formatMoney: (a: number, b: number) => void;
    readonly jurisdictions: (a: number) => void;
    readonly parseCnic: (a: number, b: number) => void;
    readonly parseMobile: (a: number, b: number) => void;
    readonly parsePlate: (a: number, b: number, c: number, d: number) => void;
    readonly service: (a: number, b: number) => void;
    readonly services: (a: number) => void;
    readonly term: (a: number, b: number, c: number) => void;
    readonly workflow: (a: number, b: number) => void;
    readonly __wbindgen_export: (a: number, b: number) => number;
    readonly __wbindgen_export2: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_export3: (a: number) => void;
    readonly __wbindgen_add_to_stack_pointer: (a: number) => number;
    readonly __wbindgen_export4: (a: number, b: number, c: number) => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
