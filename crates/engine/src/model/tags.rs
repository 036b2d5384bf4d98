//! The structured tags of a section (exams, domains, services, topics). How tags are read
//! from headings and front matter is import's business (`import::tags`).

use serde::{Deserialize, Serialize};

/// The structured tags of a section: its own heading tags plus those inherited from parent
/// headings and the document's front matter. Lists are sorted and free of duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct SectionTags {
    /// Exam codes such as `SAA`, `DVA`, `SOA`, `CLF` (the practitioner exam, also written `CCP`).
    pub exams: Vec<String>,
    /// Exam-guide domains from front matter, as `SAA: 1. Design Secure Architectures`.
    pub domains: Vec<String>,
    /// AWS services from front matter.
    pub services: Vec<String>,
    /// Free topic tags from front matter.
    pub topics: Vec<String>,
}

impl SectionTags {
    /// Adds every tag of `other`, keeping the lists sorted and unique.
    pub(crate) fn merge(&mut self, other: &SectionTags) {
        for (mine, theirs) in [
            (&mut self.exams, &other.exams),
            (&mut self.domains, &other.domains),
            (&mut self.services, &other.services),
            (&mut self.topics, &other.topics),
        ] {
            mine.extend(theirs.iter().cloned());
            mine.sort();
            mine.dedup();
        }
    }
}
