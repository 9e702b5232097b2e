//! The workspace's documents, compiled into rustdoc so they are read beside the code and
//! their examples stay true. Each page is the Markdown file of the same name under `docs/`.

#[doc = include_str!("../docs/architecture.md")]
pub mod architecture {}

#[doc = include_str!("../docs/api.md")]
pub mod api {}

#[doc = include_str!("../docs/contract.md")]
pub mod contract {}

#[doc = include_str!("../docs/legal-basis.md")]
pub mod legal_basis {}

#[doc = include_str!("../docs/invariants.md")]
pub mod invariants {}

#[doc = include_str!("../docs/glossary.md")]
pub mod glossary {}

#[doc = include_str!("../docs/performance.md")]
pub mod performance {}
