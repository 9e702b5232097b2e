//! Writes the JSON Schema of every contract document to `schemas/NAME.json`.
//!
//! ```text
//! cargo run --example export-schemas [-- OUT_DIR]
//! ```
//!
//! A test (`tests/schemas.rs`) fails when the committed files differ from these.
#![forbid(unsafe_code)]

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).map_or_else(|| PathBuf::from("schemas"), PathBuf::from);
    std::fs::create_dir_all(&dir)?;
    for (name, schema) in krisesenter::cli::all_schemas() {
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, format!("{}\n", serde_json::to_string_pretty(&schema)?))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
