//! Course packs: any bytes as a pack file, or as its `manifest.json` (the first byte chooses:
//! odd for the manifest alone). Nothing may panic, and whatever passes must keep the rules:
//! files within the limits, each handed on at its listed size.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stratus_engine::{MAX_PACK_FILE_BYTES, MAX_PACK_TOTAL_BYTES, fuzzing};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    if flags & 1 == 1 {
        if let Ok(manifest) = fuzzing::parse_pack_manifest(bytes) {
            for file in &manifest.files {
                assert!(
                    !file.path.starts_with('/') && !file.path.split('/').any(|n| n == ".."),
                    "a path that leaves the pack passed: {file:?}"
                );
            }
        }
        return;
    }
    if let Ok((manifest, sizes)) = fuzzing::read_pack(bytes) {
        assert_eq!(manifest.files.len(), sizes.len());
        let mut total = 0;
        for (file, size) in manifest.files.iter().zip(&sizes) {
            assert_eq!(file.size, *size, "{file:?}");
            assert!(*size <= MAX_PACK_FILE_BYTES, "{file:?}");
            total += size;
        }
        // The manifest has its own limit; the files alone stay within the pack's total.
        assert!(total <= MAX_PACK_TOTAL_BYTES, "{total} bytes of files passed");
    }
});
