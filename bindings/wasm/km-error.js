// The error every kmcore call throws. The WebAssembly glue builds it
// through kmErrorFromJson, and the package exports the class, so
// `err instanceof KmError` holds for every error the binding throws.

/** An error from kmcore, with its stable `code` and coarse `kind`. */
export class KmError extends Error {
  constructor(fields) {
    super(fields.message);
    this.name = 'KmError';
    this.kind = fields.kind;
    this.code = fields.code;
    this.reasons = fields.reasons ?? [];
    this.state = fields.state ?? null;
    this.event = fields.event ?? null;
    this.index = fields.index ?? null;
    this.file = fields.file ?? null;
    this.path = fields.path ?? null;
  }
}

/** Used by the WebAssembly glue: a KmError from the JSON of its fields. */
export function kmErrorFromJson(json) {
  return new KmError(JSON.parse(json));
}
