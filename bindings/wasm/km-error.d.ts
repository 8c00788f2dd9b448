/** The coarse kind of a kmcore error. */
export type ErrorKind =
  | "invalid_input"
  | "not_eligible"
  | "move_not_allowed"
  | "bundle"
  | "tampered_log"
  | "not_known";

/** The error every kmcore call throws, with its stable `code` and coarse `kind`. */
export class KmError extends Error {
  readonly name: "KmError";
  /** The coarse kind. */
  readonly kind: ErrorKind;
  /** Stable reason code, such as `fact.missing` or `service.unknown`. */
  readonly code: string;
  /** Reason codes of the failed rules (guard failures). */
  readonly reasons: string[];
  /** Workflow state the error concerns. */
  readonly state: string | null;
  /** Workflow event the error concerns. */
  readonly event: string | null;
  /** Index of the log event the error concerns. */
  readonly index: number | null;
  /** Bundle file the error concerns. */
  readonly file: string | null;
  /** Path inside that file. */
  readonly path: string | null;
}

/** Used by the WebAssembly glue. */
export function kmErrorFromJson(json: string): KmError;
