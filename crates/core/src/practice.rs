//! Professional practice as a source: the documents a rule rests on when it is not law.
//!
//! A step that the law requires cites a [`crate::Provision`] in its version in force. A step
//! that is good professional practice (a guide's recommendation, a shelter's own platform)
//! cites a [`PracticeSource`] instead: the document and its section. Keeping the two apart
//! means practice is never presented as law.
//!
//! # Example
//!
//! ```
//! use krisesenter_core::practice::{PracticeDocument, PracticeSource};
//!
//! const ARRIVAL: PracticeSource = PracticeSource::new(PracticeDocument::BufdirGuide, "under-oppholdet/ankomst");
//! assert_eq!(ARRIVAL.document().as_str(), "bufdir_guide");
//! assert_eq!(ARRIVAL.section(), "under-oppholdet/ankomst");
//! assert!(ARRIVAL.document().title_nb().contains("Faglig veileder"));
//! let json = serde_json::to_value(ARRIVAL)?;
//! assert_eq!(json["document"], "bufdir_guide");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use schemars::JsonSchema;
use serde::Serialize;

crate::wire_enum!(
    /// A document of professional practice (not law) that the workspace cites.
    pub enum PracticeDocument {
        /// Bufdir, "Faglig veileder for innholdet i krisesentertilbudet" (2020, bufdir.no/vold/Krisesenterveileder).
        BufdirGuide => "bufdir_guide",
        /// Work process "Fra krisesenter til egen bolig" (phases 1-3) of the housing-social guide veiviseren.no.
        FromShelterToOwnHome => "from_shelter_to_own_home",
        /// A shelter's own professional platform (Romerike Krisesenter IKS, "Faglig plattform").
        ShelterPlatform => "shelter_platform",
    }
);

impl PracticeDocument {
    /// The document's title as published (bokmål).
    pub const fn title_nb(self) -> &'static str {
        match self {
            PracticeDocument::BufdirGuide => "Faglig veileder for innholdet i krisesentertilbudet",
            PracticeDocument::FromShelterToOwnHome => "Arbeidsprosess: Fra krisesenter til egen bolig",
            PracticeDocument::ShelterPlatform => "Faglig plattform for Romerike Krisesenter IKS",
        }
    }

    /// Who publishes the document.
    pub const fn publisher(self) -> &'static str {
        match self {
            PracticeDocument::BufdirGuide => "Barne-, ungdoms- og familiedirektoratet (Bufdir)",
            PracticeDocument::FromShelterToOwnHome => "Veiviser for boligsosialt arbeid (veiviseren.no)",
            PracticeDocument::ShelterPlatform => "Romerike Krisesenter IKS",
        }
    }
}

/// A section of a document of professional practice: what a practice rule rests on.
///
/// Serialises as `{"document": "bufdir_guide", "section": "…"}`; the section is a stable
/// path-like slug of the document's own headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
pub struct PracticeSource {
    document: PracticeDocument,
    section: &'static str,
}

impl PracticeSource {
    /// A section of a practice document.
    pub const fn new(document: PracticeDocument, section: &'static str) -> Self {
        Self { document, section }
    }

    /// The document.
    pub const fn document(&self) -> PracticeDocument {
        self.document
    }

    /// The section, as a slug of the document's headings.
    pub const fn section(&self) -> &'static str {
        self.section
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_have_titles_publishers_and_wire_names() {
        for d in PracticeDocument::ALL {
            assert!(!d.title_nb().is_empty());
            assert!(!d.publisher().is_empty());
            assert_eq!(serde_json::to_string(d).unwrap(), format!("\"{}\"", d.as_str()));
        }
        let s = PracticeSource::new(PracticeDocument::FromShelterToOwnHome, "fase-3");
        assert_eq!(
            serde_json::to_value(s).unwrap(),
            serde_json::json!({"document": "from_shelter_to_own_home", "section": "fase-3"})
        );
        assert_eq!((s.document(), s.section()), (PracticeDocument::FromShelterToOwnHome, "fase-3"));
    }
}
