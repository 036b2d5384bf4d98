//! Benchmarks of the notes library (`cargo bench -p stratus-engine`); results and machine in
//! BENCHMARKS.md. Sizes keep the whole run to a few minutes. Generated notes are mixed Korean
//! and English markdown from a seeded RNG, so every run measures the same text.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use stratus_engine::{Library, LibraryOptions, SearchQuery};

const SERVICES: &[&str] = &[
    "EC2",
    "S3",
    "Lambda",
    "DynamoDB",
    "CloudFront",
    "VPC",
    "IAM",
    "RDS",
    "Aurora",
    "Kinesis",
    "CloudWatch",
    "CloudTrail",
    "EBS",
    "EFS",
    "Route53",
    "SQS",
    "SNS",
    "ECS",
    "EKS",
    "Glacier",
];
const TERMS: &[&str] = &[
    "Reserved Instances",
    "Spot Fleet",
    "Lifecycle",
    "Replication",
    "Encryption",
    "Snapshots",
    "Endpoints",
    "Metrics",
    "Alarms",
    "Throughput",
    "Latency",
    "Backup",
    "Quotas",
    "Policies",
    "Placement Groups",
    "Auto Scaling",
    "Savings Plans",
    "Gateway",
    "Streams",
    "Caching",
];
const KOREAN: &[&str] = &[
    "요금은",
    "예약",
    "스팟",
    "수명주기",
    "역할을",
    "인스턴스가",
    "버킷에",
    "정책이",
    "복제를",
    "암호화된",
    "스냅샷",
    "가용성",
    "지연",
    "처리량",
    "캐시를",
    "백업은",
    "할당량",
    "보안",
    "네트워크",
    "구성하면",
    "사용한다",
    "지원한다",
    "설정할",
    "비용이",
    "자동으로",
];
const ENGLISH: &[&str] = &[
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
];

fn sentence(rng: &mut StdRng) -> String {
    let words: Vec<&str> = (0..rng.random_range(6..14))
        .map(|_| {
            if rng.random_bool(0.6) {
                KOREAN[rng.random_range(0..KOREAN.len())]
            } else {
                ENGLISH[rng.random_range(0..ENGLISH.len())]
            }
        })
        .collect();
    format!("{}.", words.join(" "))
}

/// A markdown file of `sections` sections (about 450 bytes each).
fn generated_markdown(rng: &mut StdRng, file: usize, sections: usize) -> String {
    let mut md = format!("---\ntitle: Generated {file}\nexam: [SAA-C03]\n---\n# Notes {file}\n");
    for i in 0..sections {
        let service = SERVICES[rng.random_range(0..SERVICES.len())];
        let term = TERMS[rng.random_range(0..TERMS.len())];
        let level = if i % 4 == 0 { "##" } else { "###" };
        md.push_str(&format!("{level} {service} {term} {file}-{i}\n"));
        for _ in 0..3 {
            md.push_str(&sentence(rng));
            md.push(' ');
        }
        md.push_str("\n\n");
    }
    md
}

fn write_notes(dir: &Path, files: usize, sections_per_file: usize) -> u64 {
    let mut rng = StdRng::seed_from_u64(7);
    let mut bytes = 0;
    for f in 0..files {
        let md = generated_markdown(&mut rng, f, sections_per_file);
        bytes += md.len() as u64;
        std::fs::write(dir.join(format!("note-{f:04}.md")), md).unwrap();
    }
    bytes
}

fn open(dir: &Path) -> Library {
    Library::open(dir.join("stratus.sqlite3"), LibraryOptions::default()).unwrap()
}

fn samples() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/samples"
    ))
}

fn import_throughput(c: &mut Criterion) {
    let notes = tempfile::tempdir().unwrap();
    let bytes = write_notes(notes.path(), 40, 300);
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("generated_markdown_5mb", |b| {
        b.iter_with_setup(
            || {
                let db = tempfile::tempdir().unwrap();
                let lib = open(db.path());
                (db, lib)
            },
            |(db, mut lib)| {
                let report = lib.import_path(notes.path()).unwrap();
                assert_eq!(report.totals.imported, 40);
                drop(lib);
                drop(db);
            },
        )
    });
    group.finish();
}

fn reimport_unchanged(c: &mut Criterion) {
    let sample = std::fs::read_dir(samples())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("004"))
        .unwrap();
    let db = tempfile::tempdir().unwrap();
    let mut lib = open(db.path());
    lib.import_path(&sample).unwrap();
    c.bench_function("reimport_unchanged_560kb_sample", |b| {
        b.iter(|| {
            let report = lib.import_path(&sample).unwrap();
            assert_eq!(report.totals.unchanged, 1);
        })
    });
}

const QUERIES: &[&str] = &[
    "요금",
    "예약",
    "스팟",
    "S3 수명주기",
    "IAM 역할",
    "cloudfrnot",
    "reserved",
    "spot fleet",
    "lifecycle",
    "암호화 bucket",
    "스냅샷 백업",
    "latency",
    "가용성 zone",
    "replication 복제",
    "dynamodb streams",
    "정책",
    "glacier retrieval",
    "kinesis",
    "처리량",
    "quotas 할당량",
];

fn big_library(sections: usize) -> (tempfile::TempDir, Library) {
    let db = tempfile::tempdir().unwrap();
    let notes = db.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    write_notes(&notes, sections / 500, 500);
    let mut lib = open(db.path());
    lib.import_path(&notes).unwrap();
    (db, lib)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn search_100k(c: &mut Criterion) {
    let (_db, lib) = big_library(100_000);
    assert!(lib.counts().unwrap().sections >= 100_000);
    // Percentiles over every query of the mix, several rounds, after one warm-up round.
    let mut times = Vec::new();
    for round in 0..6 {
        for q in QUERIES {
            let started = Instant::now();
            let results = lib.search(&SearchQuery::new(*q)).unwrap();
            let elapsed = started.elapsed();
            std::hint::black_box(results);
            if round > 0 {
                times.push(elapsed);
            }
        }
    }
    times.sort();
    println!(
        "search over 100k sections: {} searches, p50 {:?}, p99 {:?}, max {:?}",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times.last().unwrap()
    );
    let mut group = c.benchmark_group("search_100k_sections");
    group.sample_size(20);
    group.bench_function("query_mix_20", |b| {
        b.iter(|| {
            for q in QUERIES {
                std::hint::black_box(lib.search(&SearchQuery::new(*q)).unwrap());
            }
        })
    });
    group.finish();
}

fn palette_20k(c: &mut Criterion) {
    let (_db, lib) = big_library(20_000);
    lib.palette("warm", 20).unwrap();
    let mut group = c.benchmark_group("palette_20k_headings");
    for q in ["resins", "ec2 spot", "lambda 12-3"] {
        group.bench_function(q, |b| b.iter(|| lib.palette(q, 20).unwrap()));
    }
    group.finish();
}

criterion_group!(
    benches,
    import_throughput,
    reimport_unchanged,
    search_100k,
    palette_20k
);
criterion_main!(benches);
