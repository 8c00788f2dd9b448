// kmcore for browsers and Node: loads the WebAssembly module once, on
// import (top-level await), then every function is synchronous.
//
//   import { evaluate, KmError } from 'kmcore';
import initWasm, { initSync } from './pkg/kmcore_wasm.js';

const wasmUrl = new URL('./pkg/kmcore_wasm_bg.wasm', import.meta.url);

if (typeof process !== 'undefined' && process.versions?.node && wasmUrl.protocol === 'file:') {
  // Node's fetch cannot read file: URLs; read the bytes instead.
  const { readFile } = await import('node:fs/promises');
  initSync({ module: await readFile(wasmUrl) });
} else {
  await initWasm({ module_or_path: wasmUrl });
}

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
export { KmError } from './km-error.js';
