//! Generated study notes for the benchmarks: mixed Korean/English markdown from a seeded RNG,
//! so every run measures the same text. Words follow a Zipf-like distribution (rank r drawn
//! with weight 1/r) over a vocabulary of about 3,000 English words and 2,500 Korean stems, as
//! in real notes: a few generic words are in almost every section, topical words (`instance`,
//! `요금`) in a fair share of them, and most words are rare. Sections hold
//! 50–300 words in paragraphs and bullets, with the odd bold definition and number.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The most frequent English words: in nearly every section.
const STOPWORDS: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "is", "for", "on", "with", "that", "by", "as", "it",
    "are", "from", "or", "be", "at", "this", "can", "you", "not", "when", "an", "use", "which",
    "if", "each", "your", "only", "than", "more", "one", "all", "per", "up", "no", "into", "its",
];

/// Topical words of AWS notes, frequent after the stopwords.
const TOPICAL: &[&str] = &[
    "instance",
    "bucket",
    "policy",
    "region",
    "availability",
    "zone",
    "volume",
    "throughput",
    "latency",
    "request",
    "capacity",
    "discount",
    "storage",
    "class",
    "retrieval",
    "access",
    "ec2",
    "s3",
    "lambda",
    "dynamodb",
    "cloudfront",
    "vpc",
    "iam",
    "rds",
    "aurora",
    "kinesis",
    "cloudwatch",
    "cloudtrail",
    "ebs",
    "efs",
    "route53",
    "sqs",
    "sns",
    "ecs",
    "eks",
    "glacier",
    "reserved",
    "spot",
    "fleet",
    "lifecycle",
    "replication",
    "encryption",
    "snapshot",
    "endpoint",
    "metrics",
    "alarm",
    "backup",
    "quota",
    "placement",
    "group",
    "scaling",
    "savings",
    "plan",
    "gateway",
    "stream",
    "caching",
    "subnet",
    "route",
    "table",
    "security",
    "role",
    "user",
    "permission",
    "key",
    "kms",
    "cost",
    "pricing",
    "hour",
    "second",
    "data",
    "transfer",
    "cross",
    "account",
    "organization",
    "scp",
    "tag",
    "version",
    "object",
    "partition",
    "shard",
    "consumer",
    "producer",
    "queue",
    "topic",
    "message",
    "function",
    "runtime",
    "memory",
    "timeout",
    "concurrency",
    "cluster",
    "node",
    "replica",
    "failover",
    "multi",
    "standby",
    "read",
    "write",
    "iops",
    "gp3",
    "io2",
    "provisioned",
    "burst",
    "credit",
    "network",
    "bandwidth",
    "elastic",
    "load",
    "balancer",
    "target",
    "health",
    "check",
    "certificate",
    "domain",
    "dns",
    "origin",
    "edge",
    "distribution",
    "ttl",
];

const EN_ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "tr", "pr",
    "cl", "gr", "sh", "ch", "br", "pl", "sp",
];
const EN_VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ea", "io", "ou", "ai"];
const EN_CODAS: &[&str] = &["", "", "n", "r", "s", "t", "l", "nd", "ck", "rt", "st", "m"];
const EN_SUFFIXES: &[&str] = &["", "", "", "tion", "ment", "ing", "er", "ed", "ity", "al"];

/// The most frequent Korean stems: generic words, in nearly every section.
const KOREAN_GENERIC: &[&str] = &[
    "것", "수", "등", "때", "경우", "이것", "그", "및", "또는", "위해", "대한", "통해", "같은",
    "있다", "없다", "한다", "된다", "있는", "모든", "각", "다른", "더", "가장", "매우", "여러",
    "기본", "다음", "이상", "이하", "해당",
];

/// Korean words of AWS notes, frequent among the Korean stems after the generic ones.
const KOREAN_TOPICAL: &[&str] = &[
    "요금",
    "예약",
    "스팟",
    "수명주기",
    "역할",
    "인스턴스",
    "버킷",
    "정책",
    "복제",
    "암호화",
    "스냅샷",
    "가용성",
    "지연",
    "처리량",
    "캐시",
    "백업",
    "할당량",
    "보안",
    "네트워크",
    "구성",
    "사용",
    "지원",
    "설정",
    "비용",
    "자동",
    "배치",
    "그룹",
    "서브넷",
    "권한",
    "계정",
    "조직",
    "리전",
    "가용영역",
    "볼륨",
    "용량",
    "할인",
    "저장",
    "클래스",
    "검색",
    "접근",
    "요청",
    "분산",
    "클러스터",
    "파티션",
    "복구",
    "장애",
    "조치",
    "모니터링",
    "경보",
    "지표",
];
const KOREAN_SYLLABLES: &str = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호구누두루무부수우주추쿠투푸후기니디리미비시이지치키티피히개내대래매배새애재채경정성영명병상장강방당안간만반산한전선연진신인민빈린용종동공통중등름능";
/// Particles and endings attached to Korean stems, most frequent first.
const PARTICLES: &[&str] = &[
    "은", "는", "이", "가", "을", "를", "에", "의", "로", "에서", "으로", "하면", "한다", "된다",
    "하는", "할", "와", "과", "도", "만",
];

/// A vocabulary in rank order with cumulative Zipf weights for sampling.
struct Zipf {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(words: Vec<String>) -> Self {
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Self { words, cumulative }
    }

    fn sample(&self, rng: &mut StdRng) -> &str {
        let x = rng.random::<f64>() * self.cumulative.last().expect("non-empty vocabulary");
        let i = self.cumulative.partition_point(|&c| c < x);
        &self.words[i.min(self.words.len() - 1)]
    }
}

/// The vocabularies of the generated notes.
pub struct Vocabulary {
    english: Zipf,
    korean: Zipf,
    particles: Zipf,
}

fn unique_push(words: &mut Vec<String>, seen: &mut std::collections::HashSet<String>, w: String) {
    if seen.insert(w.clone()) {
        words.push(w);
    }
}

impl Vocabulary {
    /// The same vocabulary on every run: 3,000 English words and 2,500 Korean stems.
    pub fn new() -> Self {
        let mut rng = StdRng::seed_from_u64(11);
        let mut seen = std::collections::HashSet::new();
        let mut english = Vec::new();
        for w in STOPWORDS.iter().chain(TOPICAL) {
            unique_push(&mut english, &mut seen, w.to_string());
        }
        while english.len() < 3_000 {
            let mut w = String::new();
            let syllables = if rng.random_bool(0.2) {
                3
            } else {
                rng.random_range(1..=2)
            };
            for _ in 0..syllables {
                w.push_str(EN_ONSETS[rng.random_range(0..EN_ONSETS.len())]);
                w.push_str(EN_VOWELS[rng.random_range(0..EN_VOWELS.len())]);
                w.push_str(EN_CODAS[rng.random_range(0..EN_CODAS.len())]);
            }
            w.push_str(EN_SUFFIXES[rng.random_range(0..EN_SUFFIXES.len())]);
            if w.len() >= 3 {
                unique_push(&mut english, &mut seen, w);
            }
        }
        let syllables: Vec<char> = KOREAN_SYLLABLES.chars().collect();
        let mut korean = Vec::new();
        for w in KOREAN_GENERIC.iter().chain(KOREAN_TOPICAL) {
            unique_push(&mut korean, &mut seen, w.to_string());
        }
        while korean.len() < 2_500 {
            let w: String = (0..rng.random_range(2..=4))
                .map(|_| syllables[rng.random_range(0..syllables.len())])
                .collect();
            unique_push(&mut korean, &mut seen, w);
        }
        Self {
            english: Zipf::new(english),
            korean: Zipf::new(korean),
            particles: Zipf::new(PARTICLES.iter().map(|p| p.to_string()).collect()),
        }
    }

    /// The English word of `rank` (0 = most frequent).
    pub fn english_at(&self, rank: usize) -> &str {
        &self.english.words[rank]
    }

    /// The Korean stem of `rank` (0 = most frequent).
    pub fn korean_at(&self, rank: usize) -> &str {
        &self.korean.words[rank]
    }

    fn word(&self, rng: &mut StdRng, out: &mut String) {
        if rng.random_bool(0.55) {
            out.push_str(self.korean.sample(rng));
            if rng.random_bool(0.5) {
                out.push_str(self.particles.sample(rng));
            }
        } else {
            let w = self.english.sample(rng);
            // Service names and the odd word appear capitalised, as in notes.
            if rng.random_bool(0.15) {
                let mut cs = w.chars();
                if let Some(first) = cs.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(cs.as_str());
                }
            } else {
                out.push_str(w);
            }
        }
    }

    fn words(&self, rng: &mut StdRng, n: usize, out: &mut String) {
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            self.word(rng, out);
        }
    }

    /// A markdown file of `sections` sections of 50–300 words each.
    pub fn markdown(&self, seed: u64, file: usize, sections: usize) -> String {
        let mut rng = StdRng::seed_from_u64(seed ^ (file as u64).wrapping_mul(0x9E37_79B9));
        let mut md =
            format!("---\ntitle: Generated {file}\nexam: [SAA-C03]\n---\n# Notes {file}\n");
        for i in 0..sections {
            let level = if i % 4 == 0 { "##" } else { "###" };
            md.push_str(level);
            md.push(' ');
            let service = &TOPICAL[16 + rng.random_range(0..26)];
            md.push_str(&service.to_uppercase());
            md.push(' ');
            let heading_words = rng.random_range(1..4);
            self.words(&mut rng, heading_words, &mut md);
            md.push_str(&format!(" {file}-{i}\n\n"));
            let mut left = rng.random_range(50..=300usize);
            while left > 0 {
                let n = left.min(rng.random_range(8..40));
                left -= n;
                match rng.random_range(0..10) {
                    0 => {
                        md.push_str("- **");
                        self.words(&mut rng, 2, &mut md);
                        md.push_str("**: ");
                        self.words(&mut rng, n.saturating_sub(2).max(1), &mut md);
                        md.push('\n');
                    }
                    1..=3 => {
                        md.push_str("- ");
                        self.words(&mut rng, n, &mut md);
                        md.push_str(&format!(" {}%\n", rng.random_range(1..100)));
                    }
                    _ => {
                        self.words(&mut rng, n, &mut md);
                        md.push_str(".\n\n");
                    }
                }
            }
            md.push('\n');
        }
        md
    }

    /// Writes `files` markdown files of `sections` sections each into `dir`; returns their
    /// total size in bytes.
    pub fn write_files(&self, dir: &std::path::Path, files: usize, sections: usize) -> u64 {
        let mut bytes = 0;
        for f in 0..files {
            let md = self.markdown(7, f, sections);
            bytes += md.len() as u64;
            std::fs::write(dir.join(format!("note-{f:04}.md")), md).unwrap();
        }
        bytes
    }
}
