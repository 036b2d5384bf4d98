//! The exams Stratus knows: exam codes as notes and users write them, normalized to one
//! short code per exam so that `--exam saa-c03`, `[SAA]` and `SAA-C03` meet, and the four
//! exams it prepares for with the content domains of their official exam guides and the
//! weight of each domain. The figures live in one data file, `guides.json`, which names its
//! source and the date it was checked; progress, readiness and practice exams read them from
//! here and nowhere else.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::questions::QuestionExam;

/// Exam code prefixes AWS uses, and the nicknames people write for them.
const EXAMS: &[(&str, &str)] = &[
    ("CLF", "CLF"),
    ("CCP", "CLF"),
    ("AIF", "AIF"),
    ("SAA", "SAA"),
    ("DVA", "DVA"),
    ("SOA", "SOA"),
    ("DEA", "DEA"),
    ("MLA", "MLA"),
    ("SAP", "SAP"),
    ("DOP", "DOP"),
    ("ANS", "ANS"),
    ("SCS", "SCS"),
    ("MLS", "MLS"),
    ("DBS", "DBS"),
    ("DAS", "DAS"),
    ("PAS", "PAS"),
];

/// The canonical code of an exam written as `saa`, `SAA-C03` or `CCP`; `None` if unknown.
pub fn normalize_exam_code(raw: &str) -> Option<String> {
    let upper = raw.trim().to_ascii_uppercase();
    let base = upper.split('-').next().unwrap_or("");
    EXAMS
        .iter()
        .find(|(alias, _)| *alias == base)
        .map(|(_, code)| (*code).to_string())
}

/// One content domain of an exam guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExamDomain {
    /// Number of the domain in the guide (1-based).
    pub number: u32,
    pub name: String,
    /// Share of the scored questions, in percent.
    pub weight_percent: u32,
}

/// One exam and its domains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExamGuide {
    /// Full code, e.g. `SAA-C03`.
    pub code: String,
    /// The code notes use in tags, e.g. `SAA`.
    pub short: String,
    pub name: String,
    pub domains: Vec<ExamDomain>,
    /// Questions in the real exam, scored and unscored.
    pub question_count: u32,
    /// Of those, the ones that count towards the score.
    pub scored_question_count: u32,
    /// Time allowed, in minutes (without the extension non-native speakers may request).
    pub duration_minutes: u32,
    /// Minimum passing score on AWS's scaled score of 100 to 1000.
    pub passing_score: u32,
}

/// The exam guides data set with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExamGuides {
    pub source: String,
    /// Date (YYYY-MM-DD) the figures were last checked against the guides.
    pub checked: String,
    pub note: String,
    pub exams: Vec<ExamGuide>,
}

/// The exam guides, parsed once from the embedded data file.
pub fn exam_guides() -> &'static ExamGuides {
    static GUIDES: OnceLock<ExamGuides> = OnceLock::new();
    GUIDES.get_or_init(|| {
        serde_json::from_str(include_str!("guides.json"))
            .expect("guides.json is embedded and checked by a unit test")
    })
}

/// The guide of an exam by its full code (`SAA-C03`) or short code (`SAA`), in any case.
pub fn exam_guide(code: &str) -> Option<&'static ExamGuide> {
    let wanted = code.trim().to_ascii_uppercase();
    exam_guides()
        .exams
        .iter()
        .find(|e| e.code == wanted || e.short == wanted)
}

/// The domain tags of a question card: `SAA: 1. Design Secure Architectures` for each exam
/// and domain of `exams` that the guides know, in order.
pub(crate) fn domain_tags(exams: &[QuestionExam]) -> Vec<String> {
    exams
        .iter()
        .filter_map(|e| {
            let guide = exam_guide(&e.exam)?;
            let d = guide.domains.iter().find(|d| d.number == e.domain)?;
            Some(format!("{}: {}. {}", e.exam, d.number, d.name))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_exam_has_weights_summing_to_100_and_numbered_domains() {
        let guides = exam_guides();
        assert_eq!(guides.exams.len(), 4);
        for exam in &guides.exams {
            let total: u32 = exam.domains.iter().map(|d| d.weight_percent).sum();
            assert_eq!(total, 100, "{}", exam.code);
            for (i, d) in exam.domains.iter().enumerate() {
                assert_eq!(d.number as usize, i + 1, "{} domain order", exam.code);
            }
            assert!(exam.code.starts_with(&exam.short));
        }
        assert!(chrono::NaiveDate::parse_from_str(&guides.checked, "%Y-%m-%d").is_ok());
    }

    #[test]
    fn guides_match_the_published_weights() {
        let weights = |code: &str| -> Vec<u32> {
            exam_guide(code)
                .unwrap()
                .domains
                .iter()
                .map(|d| d.weight_percent)
                .collect()
        };
        assert_eq!(weights("CLF-C02"), [24, 30, 34, 12]);
        assert_eq!(weights("saa"), [30, 26, 24, 20]);
        assert_eq!(weights("DVA"), [32, 26, 24, 18]);
        assert_eq!(weights("SOA-C03"), [22, 22, 22, 16, 18]);
        for exam in &exam_guides().exams {
            assert_eq!(exam.question_count, 65, "{}", exam.code);
            assert_eq!(exam.scored_question_count, 50, "{}", exam.code);
        }
        assert_eq!(exam_guide("CLF").unwrap().duration_minutes, 90);
        assert_eq!(exam_guide("CLF").unwrap().passing_score, 700);
        assert_eq!(exam_guide("SAA").unwrap().duration_minutes, 130);
        assert_eq!(exam_guide("SAA").unwrap().passing_score, 720);
        assert!(
            exam_guide("SOA-C02").is_none(),
            "the retired exam is not offered"
        );
    }
}
