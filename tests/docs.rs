//! The documentation stays true: every property test that docs/invariants.md names exists in
//! the file it names, and every rule file docs/legal-basis.md points at exists.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing, reason = "test code fails loudly")]

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `path.rs::function` references in a Markdown file, in backticks.
fn references(markdown: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for quoted in markdown.split('`').skip(1).step_by(2) {
        let (path, function) = match quoted.split_once("::") {
            Some((p, f)) => (p, Some(f)),
            None => (quoted, None),
        };
        let is_source = path.ends_with(".rs") && !path.contains(' ') && path.contains('/');
        let is_name =
            function.is_none_or(|f| f.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
        if is_source && is_name {
            out.push((path.to_owned(), function.map(str::to_owned)));
        }
    }
    out
}

fn check(markdown_path: &str, require_functions: bool) {
    let markdown = std::fs::read_to_string(root().join(markdown_path)).unwrap();
    let refs = references(&markdown);
    assert!(!refs.is_empty(), "{markdown_path} names no source file");
    let mut functions = 0;
    for (path, function) in refs {
        let source = std::fs::read_to_string(root().join(&path))
            .unwrap_or_else(|_| panic!("{markdown_path} names {path}, which does not exist"));
        if let Some(function) = function {
            functions += 1;
            assert!(
                source.contains(&format!("fn {function}(")),
                "{markdown_path} names {path}::{function}, which does not exist"
            );
        }
    }
    assert!(!require_functions || functions > 0, "{markdown_path} names no test function");
}

#[test]
fn every_invariant_names_an_existing_property_test() {
    check("docs/invariants.md", true);
}

#[test]
fn every_rule_points_at_existing_code() {
    check("docs/legal-basis.md", false);
}
