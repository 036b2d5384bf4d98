//! The pure core of progress: from plain facts about cards and answers (already read from
//! the database, with recall computed by the scheduler) to the figures the screens show.
//! Nothing here reads the database, the clock or the settings.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use super::model::{
    Activity, ActivityDay, DomainProgress, ExamProgress, ForecastDay, Mastery, ProgressStats,
    Readiness, TopicProgress, WeakTopic,
};
use crate::model::{ExamGuide, exam_guides, normalize_exam_code};
use crate::schedule::ReviewScope;

/// An interval of this many days or more makes a review card mature.
pub(crate) const MATURE_DAYS: u32 = 21;
/// Study days in the retention window, today included.
pub(crate) const RETENTION_DAYS: i64 = 30;
/// Study days in the heatmap, today included.
pub(crate) const HEATMAP_DAYS: i64 = 365;
/// Study days in the forecast, today included.
pub(crate) const FORECAST_DAYS: usize = 30;
/// Topics in the "weakest" list.
pub(crate) const WEAKEST_COUNT: usize = 5;

/// The distinct tags of a group of cards (cards of one section share one set).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct TagSet {
    pub exams: Vec<String>,
    /// As stored: `SAA: 1. Design Secure Architectures`.
    pub domains: Vec<String>,
    /// Topic and service tags together.
    pub topics: Vec<String>,
}

/// One active card.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CardFacts {
    /// Index into [`Facts::tag_sets`].
    pub tags: u32,
    pub is_seen: bool,
    pub is_mature: bool,
    /// Recall probability now; `None` for an unseen card.
    pub retrievability: Option<f64>,
    /// When the card is due; `None` for a new card.
    pub due_at_ms: Option<i64>,
}

/// One answer to a review-phase card inside the retention window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RecentReview {
    /// Tag set of the answered card.
    pub tags: u32,
    pub is_recalled: bool,
}

/// Answers of one study day (several entries for one day add up).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct DayTotal {
    /// Days since 1970-01-01 of the study day.
    pub day: i64,
    pub reviews: u32,
    pub duration_ms: f64,
}

/// Everything progress is computed from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    /// Days since 1970-01-01 of the current study day.
    pub today: i64,
    pub tag_sets: Vec<TagSet>,
    pub cards: Vec<CardFacts>,
    pub recent_reviews: Vec<RecentReview>,
    /// Over the whole log.
    pub day_totals: Vec<DayTotal>,
    /// Start (Unix ms) of today and of each of the next 30 study days (31 values).
    pub forecast_starts_ms: Vec<i64>,
}

/// The date of a day number.
pub(crate) fn date_of(day: i64) -> String {
    (NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date") + Duration::days(day))
        .format("%Y-%m-%d")
        .to_string()
}

/// The guide domain (0-based) a stored domain tag names for `guide`: `SAA: 1. Design …`
/// by its number, or by its name when it has none. `None` for another exam's tag or a
/// domain the guide does not have.
pub(crate) fn domain_index(tag: &str, guide: &ExamGuide) -> Option<usize> {
    let (exam, domain) = tag.split_once(':')?;
    if normalize_exam_code(exam)? != guide.short {
        return None;
    }
    let domain = domain.trim();
    let digits: String = domain.chars().take_while(|c| c.is_ascii_digit()).collect();
    if let Ok(number) = digits.parse::<usize>() {
        return (1..=guide.domains.len())
            .contains(&number)
            .then(|| number - 1);
    }
    guide
        .domains
        .iter()
        .position(|d| d.name.eq_ignore_ascii_case(domain))
}

/// Sums that become a [`Mastery`].
#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    total: u32,
    seen: u32,
    mature: u32,
    recall_sum: f64,
    reviews: u32,
    recalled: u32,
}

impl Acc {
    fn add_card(&mut self, card: &CardFacts) {
        self.total += 1;
        if card.is_seen {
            self.seen += 1;
        }
        if card.is_mature {
            self.mature += 1;
        }
        self.recall_sum += card.retrievability.unwrap_or(0.0);
    }

    fn add_review(&mut self, review: &RecentReview) {
        self.reviews += 1;
        if review.is_recalled {
            self.recalled += 1;
        }
    }

    fn expected_recall(&self) -> Option<f64> {
        (self.total > 0).then(|| self.recall_sum / f64::from(self.total))
    }

    fn mastery(&self) -> Mastery {
        Mastery {
            total: self.total,
            seen: self.seen,
            mature: self.mature,
            mean_retrievability: (self.seen > 0).then(|| self.recall_sum / f64::from(self.seen)),
            expected_recall: self.expected_recall(),
            reviews_30d: self.reviews,
            recalled_30d: self.recalled,
            retention_30d: (self.reviews > 0)
                .then(|| f64::from(self.recalled) / f64::from(self.reviews)),
        }
    }
}

/// Where one tag set counts: group indices plus its weight for "weakest topics".
#[derive(Debug, Clone, Default)]
struct Membership {
    is_in_scope: bool,
    groups: Vec<usize>,
    topics: Vec<usize>,
    /// Exam weight of a card with these tags, 0–1 (0 outside the guides' exams).
    weight: f64,
}

/// Computes every figure from `facts`, limited to the cards of `exam` when given.
pub(crate) fn compute(facts: &Facts, exam: Option<&'static ExamGuide>) -> ProgressStats {
    let guides = exam_guides();
    let exams: Vec<&ExamGuide> = match exam {
        Some(guide) => vec![guide],
        None => guides.exams.iter().collect(),
    };
    // Group layout: per exam, one group for the exam, one per domain, one unassigned.
    let mut exam_base = Vec::with_capacity(exams.len());
    let mut group_count = 0;
    for guide in &exams {
        exam_base.push(group_count);
        group_count += guide.domains.len() + 2;
    }

    let mut topic_index: HashMap<String, usize> = HashMap::new();
    let mut topic_names: Vec<String> = Vec::new();
    let memberships: Vec<Membership> = facts
        .tag_sets
        .iter()
        .map(|tags| {
            let mut m = Membership::default();
            for (e, guide) in exams.iter().enumerate() {
                let domains: Vec<usize> = tags
                    .domains
                    .iter()
                    .filter_map(|d| domain_index(d, guide))
                    .collect();
                let is_tagged = tags.exams.contains(&guide.short);
                if !is_tagged && domains.is_empty() {
                    continue;
                }
                m.is_in_scope = true;
                let base = exam_base[e];
                m.groups.push(base);
                let weight = if domains.is_empty() {
                    m.groups.push(base + 1 + guide.domains.len());
                    1.0 / guide.domains.len() as f64
                } else {
                    let mut unique = domains.clone();
                    unique.sort_unstable();
                    unique.dedup();
                    m.groups.extend(unique.iter().map(|d| base + 1 + d));
                    unique
                        .iter()
                        .map(|d| f64::from(guide.domains[*d].weight_percent) / 100.0)
                        .fold(0.0, f64::max)
                };
                m.weight = m.weight.max(weight);
            }
            if exam.is_none() {
                m.is_in_scope = true;
            }
            if m.is_in_scope {
                let mut keys: Vec<String> = tags.topics.iter().map(|t| t.to_lowercase()).collect();
                keys.sort();
                keys.dedup();
                for key in keys {
                    let next = topic_names.len();
                    let index = *topic_index.entry(key.clone()).or_insert(next);
                    if index == next {
                        let shown = tags
                            .topics
                            .iter()
                            .find(|t| t.to_lowercase() == key)
                            .cloned()
                            .unwrap_or(key);
                        topic_names.push(shown);
                    }
                    m.topics.push(index);
                }
            }
            m
        })
        .collect();

    let mut groups = vec![Acc::default(); group_count];
    let mut topics = vec![Acc::default(); topic_names.len()];
    let mut forgetting = vec![0.0_f64; topic_names.len()];
    let mut forecast = [0_u32; FORECAST_DAYS];
    for card in &facts.cards {
        let m = &memberships[card.tags as usize];
        if !m.is_in_scope {
            continue;
        }
        for g in &m.groups {
            groups[*g].add_card(card);
        }
        // A card never studied counts as forgotten: a topic nobody has started, with exam
        // weight, is the weakest of all, not absent from the list.
        let forgotten = 1.0 - card.retrievability.unwrap_or(0.0);
        for t in &m.topics {
            topics[*t].add_card(card);
            forgetting[*t] += forgotten * m.weight;
        }
        if let Some(due) = card.due_at_ms {
            let day = facts
                .forecast_starts_ms
                .get(1..)
                .unwrap_or_default()
                .partition_point(|start| *start <= due);
            if day < FORECAST_DAYS {
                forecast[day] += 1;
            }
        }
    }
    for review in &facts.recent_reviews {
        let m = &memberships[review.tags as usize];
        if !m.is_in_scope {
            continue;
        }
        for g in &m.groups {
            groups[*g].add_review(review);
        }
        for t in &m.topics {
            topics[*t].add_review(review);
        }
    }

    let exam_progress = exams
        .iter()
        .enumerate()
        .map(|(e, guide)| exam_progress(guide, &groups[exam_base[e]..]))
        .collect();

    let mut topic_rows: Vec<TopicProgress> = topic_names
        .iter()
        .enumerate()
        .map(|(i, name)| TopicProgress {
            topic: name.clone(),
            mastery: topics[i].mastery(),
            scope: ReviewScope::Topic {
                topic: name.clone(),
            },
        })
        .collect();
    topic_rows.sort_by_key(|t| t.topic.to_lowercase());

    let mut weakest: Vec<WeakTopic> = topic_names
        .iter()
        .enumerate()
        .filter(|(i, _)| forgetting[*i] > 0.0)
        .map(|(i, name)| WeakTopic {
            topic: name.clone(),
            expected_forgetting: forgetting[i],
            mastery: topics[i].mastery(),
            scope: ReviewScope::Topic {
                topic: name.clone(),
            },
        })
        .collect();
    weakest.sort_by(|a, b| {
        b.expected_forgetting
            .total_cmp(&a.expected_forgetting)
            .then_with(|| a.topic.to_lowercase().cmp(&b.topic.to_lowercase()))
    });
    weakest.truncate(WEAKEST_COUNT);

    ProgressStats {
        today: date_of(facts.today),
        exam: exam.map(|g| g.code.clone()),
        exams: exam_progress,
        topics: topic_rows,
        weakest_topics: weakest,
        activity: activity(facts, &forecast),
        weights_source: guides.source.clone(),
        weights_checked: guides.checked.clone(),
    }
}

/// `groups` starts at the exam's group: the exam, its domains in order, then unassigned.
fn exam_progress(guide: &ExamGuide, groups: &[Acc]) -> ExamProgress {
    let n = guide.domains.len();
    let mut domains: Vec<DomainProgress> = guide
        .domains
        .iter()
        .enumerate()
        .map(|(d, domain)| DomainProgress {
            number: Some(domain.number),
            name: domain.name.clone(),
            weight_percent: domain.weight_percent,
            mastery: groups[1 + d].mastery(),
        })
        .collect();
    domains.push(DomainProgress {
        number: None,
        name: "Unassigned".into(),
        weight_percent: 0,
        mastery: groups[1 + n].mastery(),
    });
    let covered: u32 = guide
        .domains
        .iter()
        .enumerate()
        .filter(|(d, _)| groups[1 + d].total > 0)
        .map(|(_, domain)| domain.weight_percent)
        .sum();
    let total_weight: u32 = guide.domains.iter().map(|d| d.weight_percent).sum();
    let is_weighted = covered > 0;
    let expected_recall = if is_weighted {
        guide
            .domains
            .iter()
            .enumerate()
            .map(|(d, domain)| {
                f64::from(domain.weight_percent) * groups[1 + d].expected_recall().unwrap_or(0.0)
            })
            .sum::<f64>()
            / f64::from(total_weight.max(1))
    } else {
        groups[0].expected_recall().unwrap_or(0.0)
    };
    ExamProgress {
        code: guide.code.clone(),
        short: guide.short.clone(),
        name: guide.name.clone(),
        mastery: groups[0].mastery(),
        domains,
        readiness: Readiness {
            expected_recall,
            is_weighted,
            covered_weight_percent: covered,
            label: if is_weighted {
                "Expected recall, weighted by the exam guide's domains (not a pass probability)"
                    .into()
            } else {
                "Expected recall over the exam's cards; no domain tags, so unweighted (not a pass probability)"
                    .into()
            },
        },
        scope: ReviewScope::Exam {
            exam: guide.short.clone(),
        },
    }
}

/// Heatmap, streaks and forecast.
fn activity(facts: &Facts, forecast: &[u32; FORECAST_DAYS]) -> Activity {
    let mut per_day: HashMap<i64, (u32, f64)> = HashMap::new();
    for t in &facts.day_totals {
        let e = per_day.entry(t.day).or_default();
        e.0 += t.reviews;
        e.1 += t.duration_ms;
    }
    let first = facts.today - (HEATMAP_DAYS - 1);
    let busiest = (first..=facts.today)
        .filter_map(|d| per_day.get(&d).map(|e| e.0))
        .max()
        .unwrap_or(0);
    let days: Vec<ActivityDay> = (first..=facts.today)
        .map(|day| {
            let (reviews, duration_ms) = per_day.get(&day).copied().unwrap_or_default();
            ActivityDay {
                date: date_of(day),
                reviews,
                duration_ms,
                level: if reviews == 0 {
                    0
                } else {
                    (4 * reviews).div_ceil(busiest).clamp(1, 4)
                },
            }
        })
        .collect();

    let mut active: Vec<i64> = per_day
        .iter()
        .filter(|(day, e)| e.0 > 0 && **day <= facts.today)
        .map(|(day, _)| *day)
        .collect();
    active.sort_unstable();
    let mut longest = 0_u32;
    let mut run = 0_u32;
    let mut previous: Option<i64> = None;
    for day in &active {
        run = if previous == Some(day - 1) {
            run + 1
        } else {
            1
        };
        longest = longest.max(run);
        previous = Some(*day);
    }
    let mut current = 0_u32;
    let mut cursor = if per_day.get(&facts.today).is_some_and(|e| e.0 > 0) {
        facts.today
    } else {
        facts.today - 1
    };
    while per_day.get(&cursor).is_some_and(|e| e.0 > 0) {
        current += 1;
        cursor -= 1;
    }

    Activity {
        reviews_365d: days.iter().map(|d| d.reviews).sum(),
        active_days_365d: days.iter().filter(|d| d.reviews > 0).count() as u32,
        duration_ms_365d: days.iter().map(|d| d.duration_ms).sum(),
        days,
        current_streak_days: current,
        longest_streak_days: longest,
        forecast: forecast
            .iter()
            .enumerate()
            .map(|(i, due)| ForecastDay {
                date: date_of(facts.today + i as i64),
                due: *due,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::exam_guide;

    fn tags(exams: &[&str], domains: &[&str], topics: &[&str]) -> TagSet {
        let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        TagSet {
            exams: own(exams),
            domains: own(domains),
            topics: own(topics),
        }
    }

    fn seen(tags: u32, r: f64, is_mature: bool) -> CardFacts {
        CardFacts {
            tags,
            is_seen: true,
            is_mature,
            retrievability: Some(r),
            due_at_ms: Some(0),
        }
    }

    fn unseen(tags: u32) -> CardFacts {
        CardFacts {
            tags,
            is_seen: false,
            is_mature: false,
            retrievability: None,
            due_at_ms: None,
        }
    }

    /// SAA has cards in domains 1 and 2 only (3 and 4 unseen and empty), one card without a
    /// domain; DVA has one card without domain tags.
    fn facts() -> Facts {
        Facts {
            today: 20_000,
            tag_sets: vec![
                tags(&["SAA"], &["SAA: 1. Design Secure Architectures"], &["IAM"]),
                tags(
                    &["SAA"],
                    &["SAA-C03: 2. Design Resilient Architectures"],
                    &["s3"],
                ),
                tags(&["SAA"], &[], &["S3"]),
                tags(&["DVA"], &[], &["lambda"]),
            ],
            cards: vec![
                seen(0, 0.9, true),
                unseen(0),
                seen(1, 0.5, false),
                seen(2, 0.8, false),
                seen(3, 0.6, false),
            ],
            recent_reviews: vec![
                RecentReview {
                    tags: 0,
                    is_recalled: true,
                },
                RecentReview {
                    tags: 0,
                    is_recalled: false,
                },
                RecentReview {
                    tags: 1,
                    is_recalled: true,
                },
            ],
            ..Facts::default()
        }
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn domain_tags_map_by_number_or_name_and_only_for_their_exam() {
        let saa = exam_guide("SAA").unwrap();
        assert_eq!(
            domain_index("SAA: 1. Design Secure Architectures", saa),
            Some(0)
        );
        assert_eq!(domain_index("saa-c03: 4", saa), Some(3));
        assert_eq!(
            domain_index("SAA: design resilient architectures", saa),
            Some(1)
        );
        assert_eq!(domain_index("SAA: 5. Nothing", saa), None);
        assert_eq!(domain_index("DVA: 1. Development", saa), None);
        assert_eq!(domain_index("no exam here", saa), None);
    }

    #[test]
    fn exam_domains_and_readiness_match_hand_computed_values() {
        let stats = compute(&facts(), None);
        assert_eq!(stats.exams.len(), 4);
        let saa = stats.exams.iter().find(|e| e.code == "SAA-C03").unwrap();
        assert_eq!(
            (saa.mastery.total, saa.mastery.seen, saa.mastery.mature),
            (4, 3, 1)
        );
        close(saa.mastery.mean_retrievability.unwrap(), 2.2 / 3.0);
        close(saa.mastery.expected_recall.unwrap(), 2.2 / 4.0);
        assert_eq!((saa.mastery.reviews_30d, saa.mastery.recalled_30d), (3, 2));
        close(saa.mastery.retention_30d.unwrap(), 2.0 / 3.0);

        assert_eq!(saa.domains.len(), 5);
        let d1 = &saa.domains[0].mastery;
        assert_eq!((d1.total, d1.seen, d1.mature), (2, 1, 1));
        close(d1.mean_retrievability.unwrap(), 0.9);
        close(d1.expected_recall.unwrap(), 0.45);
        close(d1.retention_30d.unwrap(), 0.5);
        close(saa.domains[1].mastery.expected_recall.unwrap(), 0.5);
        // The unseen domains: no cards, nothing to average.
        assert_eq!(saa.domains[2].mastery, Mastery::default());
        assert_eq!(saa.domains[3].mastery.expected_recall, None);
        let unassigned = &saa.domains[4];
        assert_eq!((unassigned.number, unassigned.weight_percent), (None, 0));
        close(unassigned.mastery.expected_recall.unwrap(), 0.8);

        // (30 × 0.45 + 26 × 0.5 + 24 × 0 + 20 × 0) / 100; the unassigned card stays out.
        close(saa.readiness.expected_recall, 0.265);
        assert!(saa.readiness.is_weighted);
        assert_eq!(saa.readiness.covered_weight_percent, 56);
        assert!(saa.readiness.label.contains("not a pass probability"));
        assert_eq!(saa.scope, ReviewScope::Exam { exam: "SAA".into() });

        let dva = stats.exams.iter().find(|e| e.short == "DVA").unwrap();
        assert!(!dva.readiness.is_weighted);
        close(dva.readiness.expected_recall, 0.6);
        let clf = stats.exams.iter().find(|e| e.short == "CLF").unwrap();
        assert_eq!(clf.mastery.total, 0);
        close(clf.readiness.expected_recall, 0.0);
    }

    #[test]
    fn topics_merge_case_and_the_weakest_are_weighted_by_exam_weight() {
        let stats = compute(&facts(), None);
        let names: Vec<&str> = stats.topics.iter().map(|t| t.topic.as_str()).collect();
        assert_eq!(names, ["IAM", "lambda", "s3"]);
        let s3 = &stats.topics[2];
        assert_eq!((s3.mastery.total, s3.mastery.seen), (2, 2));
        close(s3.mastery.mean_retrievability.unwrap(), 0.65);
        assert_eq!(s3.scope, ReviewScope::Topic { topic: "s3".into() });

        // IAM: 0.1 × 0.30 + 1 × 0.30 (its unseen card); s3: 0.5 × 0.26 + 0.2 × 1/4;
        // lambda: 0.4 × 1/4.
        let weakest: Vec<(&str, f64)> = stats
            .weakest_topics
            .iter()
            .map(|w| (w.topic.as_str(), w.expected_forgetting))
            .collect();
        assert_eq!(weakest.len(), 3);
        assert_eq!(weakest[0].0, "IAM");
        close(weakest[0].1, 0.33);
        assert_eq!(weakest[1].0, "s3");
        close(weakest[1].1, 0.18);
        assert_eq!(weakest[2].0, "lambda");
        close(weakest[2].1, 0.1);
    }

    #[test]
    fn never_studied_topics_with_exam_weight_are_among_the_weakest() {
        let mut facts = facts();
        facts.tag_sets.push(tags(
            &["SAA"],
            &["SAA: 3. Design High-Performing Architectures"],
            &["EFS"],
        ));
        facts.tag_sets.push(tags(&[], &[], &["hobby"]));
        facts.cards.extend([unseen(4), unseen(4), unseen(5)]);
        let stats = compute(&facts, None);
        let efs = stats.weakest_topics.iter().find(|w| w.topic == "EFS");
        let efs = efs.expect("a never-studied topic of an exam is listed");
        // Two unseen cards of a 24 % domain.
        close(efs.expected_forgetting, 0.48);
        assert_eq!((efs.mastery.seen, efs.mastery.total), (0, 2));
        assert_eq!(stats.weakest_topics[0].topic, "EFS");
        // A topic outside every exam guide has no weight and is not listed.
        assert!(stats.weakest_topics.iter().all(|w| w.topic != "hobby"));
    }

    #[test]
    fn an_exam_filter_keeps_only_that_exams_cards() {
        let stats = compute(&facts(), exam_guide("saa"));
        assert_eq!(stats.exam.as_deref(), Some("SAA-C03"));
        assert_eq!(stats.exams.len(), 1);
        let names: Vec<&str> = stats.topics.iter().map(|t| t.topic.as_str()).collect();
        assert_eq!(names, ["IAM", "s3"]);
        assert!(stats.weakest_topics.iter().all(|w| w.topic != "lambda"));
    }

    #[test]
    fn heatmap_streaks_and_levels() {
        let t = 20_000;
        let mut day_totals = vec![
            DayTotal {
                day: t,
                reviews: 3,
                duration_ms: 9000.0,
            },
            DayTotal {
                day: t - 1,
                reviews: 1,
                duration_ms: 1000.0,
            },
            DayTotal {
                day: t - 2,
                reviews: 1,
                duration_ms: 500.0,
            },
            DayTotal {
                day: t - 2,
                reviews: 1,
                duration_ms: 500.0,
            },
            // Older than the heatmap: counts for the longest streak only.
            DayTotal {
                day: t - 400,
                reviews: 1,
                duration_ms: 0.0,
            },
        ];
        for back in 5..10 {
            day_totals.push(DayTotal {
                day: t - back,
                reviews: 1,
                duration_ms: 100.0,
            });
        }
        let facts = Facts {
            today: t,
            day_totals,
            ..Facts::default()
        };
        let a = compute(&facts, None).activity;
        assert_eq!(a.days.len(), 365);
        assert_eq!(a.days[364].date, date_of(t));
        assert_eq!(a.days[0].date, date_of(t - 364));
        let last: Vec<(u32, f64, u32)> = a.days[362..]
            .iter()
            .map(|d| (d.reviews, d.duration_ms, d.level))
            .collect();
        assert_eq!(last, [(2, 1000.0, 3), (1, 1000.0, 2), (3, 9000.0, 4)]);
        assert_eq!(a.days[361].level, 0);
        assert_eq!(a.current_streak_days, 3);
        assert_eq!(a.longest_streak_days, 5);
        assert_eq!(a.reviews_365d, 11);
        assert_eq!(a.active_days_365d, 8);
        close(a.duration_ms_365d, 11_500.0);
        assert_eq!(date_of(0), "1970-01-01");
    }

    #[test]
    fn the_streak_still_counts_while_today_is_empty() {
        let t = 100;
        let facts = Facts {
            today: t,
            day_totals: vec![
                DayTotal {
                    day: t - 1,
                    reviews: 2,
                    duration_ms: 0.0,
                },
                DayTotal {
                    day: t - 2,
                    reviews: 2,
                    duration_ms: 0.0,
                },
            ],
            ..Facts::default()
        };
        let a = compute(&facts, None).activity;
        assert_eq!((a.current_streak_days, a.longest_streak_days), (2, 2));
        let broken = Facts {
            today: t + 1,
            ..facts
        };
        assert_eq!(compute(&broken, None).activity.current_streak_days, 0);
    }

    #[test]
    fn forecast_puts_overdue_cards_today_and_ignores_new_and_far_cards() {
        let day_ms = 86_400_000;
        let start = 1_000 * day_ms;
        let due = |ms: i64| CardFacts {
            tags: 0,
            is_seen: true,
            is_mature: false,
            retrievability: Some(0.9),
            due_at_ms: Some(ms),
        };
        let facts = Facts {
            today: 1_000,
            tag_sets: vec![TagSet::default()],
            cards: vec![
                due(start - 5),
                due(start + 10),
                due(start + day_ms),
                due(start + 29 * day_ms + 1),
                due(start + 30 * day_ms),
                unseen(0),
            ],
            forecast_starts_ms: (0..=30).map(|k| start + k * day_ms).collect(),
            ..Facts::default()
        };
        let f = compute(&facts, None).activity.forecast;
        assert_eq!(f.len(), 30);
        assert_eq!(f[0].date, date_of(1_000));
        let counts: Vec<u32> = f.iter().map(|d| d.due).collect();
        let mut expected = vec![0; 30];
        expected[0] = 2;
        expected[1] = 1;
        expected[29] = 1;
        assert_eq!(counts, expected);
    }
}
