//! The UniFFI bindings generator, built from the same pinned `uniffi` as the
//! library so the two can never disagree. Run it through
//! `bindings/scripts/generate-bindings.sh`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
