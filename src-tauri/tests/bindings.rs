//! Regenerates `ui/src/lib/bindings.ts` from the command signatures. CI runs this and then
//! fails if the committed file differs, so the UI's types can never drift from Rust.

#[test]
fn typescript_bindings_are_exported() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
    stratus_app_lib::export_bindings(&path).expect("bindings export");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("libraryInfo"),
        "the library_info command is exported"
    );
    assert!(text.contains("LibraryInfo"), "its payload type is exported");
}
