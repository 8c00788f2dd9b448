// The package's types: the generated declarations of the WebAssembly glue
// (pkg/kmcore_wasm.d.ts) without its loader, and the KmError class.
export type * from './pkg/kmcore_wasm.js';
export {
  bundleVersion,
  documents,
  evaluate,
  factDictionary,
  form,
  formatMoney,
  jurisdictions,
  parseCnic,
  parseMobile,
  parsePlate,
  service,
  services,
  term,
  workflow,
} from './pkg/kmcore_wasm.js';
export { KmError, type ErrorKind } from './km-error.js';
