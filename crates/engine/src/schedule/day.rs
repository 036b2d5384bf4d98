//! Study days: a day starts at the rollover hour (04:00 by default) in the user's time zone,
//! so a session past midnight still counts for the evening it began in. Pure: every function
//! takes the instant it works on.

use chrono::{
    DateTime, Duration, FixedOffset, Local, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc,
};

// Times reaching this module are bounded where users type them (`Library::parse_time`
// accepts years 1970–9999), but stored or computed instants may still sit near the ends of
// chrono's range: every step here is checked and saturates instead of panicking on overflow.
use chrono_tz::Tz;

use crate::error::{Error, Result};

/// A time zone as the settings name it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Zone {
    /// The operating system's zone.
    Local,
    Named(Tz),
    Fixed(FixedOffset),
}

impl Zone {
    /// Parses an IANA name (`Asia/Seoul`), a fixed offset (`+09:00`, `-0530`, `UTC`), or the
    /// empty string for the system's zone.
    pub fn parse(s: &str) -> Result<Self> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(Zone::Local);
        }
        if s.eq_ignore_ascii_case("utc") || s == "Z" {
            return Ok(Zone::Fixed(
                FixedOffset::east_opt(0).expect("0 is a valid offset"),
            ));
        }
        if let Some(offset) = parse_offset(s) {
            return Ok(Zone::Fixed(offset));
        }
        s.parse::<Tz>().map(Zone::Named).map_err(|_| {
            Error::InvalidInput(format!(
                "unknown time zone {s:?}: use an IANA name such as Asia/Seoul or an offset such as +09:00"
            ))
        })
    }

    /// The wall-clock time of `at` in this zone; at the ends of chrono's range, where the
    /// offset would push it out (`naive_local` panics there), the UTC time itself.
    fn local_time(self, at: DateTime<Utc>) -> NaiveDateTime {
        let offset = match self {
            Zone::Local => at.with_timezone(&Local).offset().fix(),
            Zone::Named(tz) => at.with_timezone(&tz).offset().fix(),
            Zone::Fixed(off) => off,
        };
        let utc = at.naive_utc();
        utc.checked_add_signed(Duration::seconds(i64::from(offset.local_minus_utc())))
            .unwrap_or(utc)
    }

    /// The instant of a local wall-clock time. In a gap (spring forward) the first valid
    /// instant after it; when ambiguous (fall back) the earlier one.
    pub fn instant(self, local: NaiveDateTime) -> DateTime<Utc> {
        fn resolve<Z: TimeZone>(zone: &Z, local: NaiveDateTime) -> DateTime<Utc> {
            for minutes in (0..=180).step_by(15) {
                let Some(probe) = local.checked_add_signed(Duration::minutes(minutes)) else {
                    break;
                };
                if let Some(t) = zone.from_local_datetime(&probe).earliest() {
                    return t.with_timezone(&Utc);
                }
            }
            // No zone has a gap of more than three hours; fall back to reading it as UTC.
            local.and_utc()
        }
        match self {
            Zone::Local => resolve(&Local, local),
            Zone::Named(tz) => resolve(&tz, local),
            Zone::Fixed(off) => resolve(&off, local),
        }
    }
}

fn parse_offset(s: &str) -> Option<FixedOffset> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = if digits.len() == 4 {
        digits[2..].parse().ok()?
    } else {
        0
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// Day arithmetic for one zone and rollover hour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct DayClock {
    zone: Zone,
    rollover_hour: u32,
}

impl DayClock {
    pub fn new(zone: Zone, rollover_hour: u32) -> Self {
        Self {
            zone,
            rollover_hour: rollover_hour.min(23),
        }
    }

    /// The study date `at` belongs to: its local date, shifted back by the rollover hour.
    pub fn date(&self, at: DateTime<Utc>) -> NaiveDate {
        let local = self.zone.local_time(at);
        local
            .checked_sub_signed(Duration::hours(i64::from(self.rollover_hour)))
            .map_or(NaiveDate::MIN, |shifted| shifted.date())
    }

    /// Days since 1970-01-01 of the study date of `at`.
    pub fn day(&self, at: DateTime<Utc>) -> i64 {
        (self.date(at) - NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date")).num_days()
    }

    /// The instant study day `day` starts.
    pub fn day_start(&self, day: i64) -> DateTime<Utc> {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
        let date = Duration::try_days(day)
            .and_then(|d| epoch.checked_add_signed(d))
            .unwrap_or(if day < 0 {
                NaiveDate::MIN
            } else {
                NaiveDate::MAX
            });
        let local = date
            .and_hms_opt(self.rollover_hour, 0, 0)
            .expect("rollover hour is below 24");
        self.zone.instant(local)
    }

    /// Study days between two instants (0 on the same study day, never negative).
    pub fn days_between(&self, earlier: DateTime<Utc>, later: DateTime<Utc>) -> u32 {
        u32::try_from((self.day(later) - self.day(earlier)).max(0)).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn parses_names_offsets_and_rejects_nonsense() {
        assert!(matches!(Zone::parse("Asia/Seoul").unwrap(), Zone::Named(_)));
        assert_eq!(
            Zone::parse("+09:00").unwrap(),
            Zone::Fixed(FixedOffset::east_opt(9 * 3600).unwrap())
        );
        assert_eq!(
            Zone::parse("-0530").unwrap(),
            Zone::Fixed(FixedOffset::east_opt(-(5 * 3600 + 30 * 60)).unwrap())
        );
        assert_eq!(Zone::parse("").unwrap(), Zone::Local);
        assert!(Zone::parse("Mars/Olympus").is_err());
        assert!(Zone::parse("+25:00").is_err());
    }

    #[test]
    fn a_study_day_starts_at_four_in_the_morning_local_time() {
        let seoul = DayClock::new(Zone::parse("Asia/Seoul").unwrap(), 4);
        // 03:59 KST on Dec 2 still belongs to Dec 1; 04:00 KST starts Dec 2.
        let before = utc("2026-12-01T18:59:00Z");
        let after = utc("2026-12-01T19:00:00Z");
        assert_eq!(seoul.date(before).to_string(), "2026-12-01");
        assert_eq!(seoul.date(after).to_string(), "2026-12-02");
        assert_eq!(seoul.day(after) - seoul.day(before), 1);
        assert_eq!(seoul.day_start(seoul.day(after)), after);
        assert_eq!(seoul.days_between(before, after), 1);
        assert_eq!(seoul.days_between(after, before), 0);
    }

    #[test]
    fn day_start_survives_daylight_saving_changes() {
        let ny = DayClock::new(Zone::parse("America/New_York").unwrap(), 4);
        // 2026-03-08: clocks jump from 02:00 to 03:00; 04:00 EDT is 08:00 UTC.
        let day = ny.day(utc("2026-03-08T12:00:00Z"));
        assert_eq!(ny.day_start(day), utc("2026-03-08T08:00:00Z"));
        // A rollover hour inside the gap moves to the first valid instant.
        let gap = DayClock::new(Zone::parse("America/New_York").unwrap(), 2);
        assert_eq!(
            gap.day_start(gap.day(utc("2026-03-08T12:00:00Z"))),
            utc("2026-03-08T07:00:00Z")
        );
    }

    #[test]
    fn the_ends_of_chronos_range_do_not_panic() {
        let zones = ["Asia/Seoul", "America/New_York", "+14:00", "-12:00", ""];
        for zone in zones {
            let days = DayClock::new(Zone::parse(zone).unwrap(), 23);
            for at in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
                let day = days.day(at);
                days.day_start(day);
                days.days_between(DateTime::<Utc>::MIN_UTC, at);
            }
            days.day_start(i64::MAX);
            days.day_start(i64::MIN);
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn zone() -> impl Strategy<Value = Zone> {
            prop_oneof![
                Just(Zone::Local),
                Just(Zone::parse("Asia/Seoul").unwrap()),
                Just(Zone::parse("America/New_York").unwrap()),
                Just(Zone::parse("Pacific/Kiritimati").unwrap()),
                (-14 * 3600..=14 * 3600i32)
                    .prop_map(|s| Zone::Fixed(FixedOffset::east_opt(s).unwrap())),
            ]
        }

        fn instant() -> impl Strategy<Value = DateTime<Utc>> {
            let min = DateTime::<Utc>::MIN_UTC.timestamp_millis();
            let max = DateTime::<Utc>::MAX_UTC.timestamp_millis();
            prop_oneof![
                min..=max,
                min..min + 3 * 86_400_000,
                max - 3 * 86_400_000..=max,
            ]
            .prop_map(|ms| DateTime::from_timestamp_millis(ms).unwrap())
        }

        proptest! {
            /// No arithmetic on any instant chrono can hold panics, whatever the zone and
            /// rollover hour: user times are bounded at parsing, this is the second line.
            #[test]
            fn day_arithmetic_never_panics(
                zone in zone(),
                hour in 0u32..24,
                a in instant(),
                b in instant(),
                day in any::<i64>(),
            ) {
                let days = DayClock::new(zone, hour);
                let d = days.day(a);
                days.date(b);
                days.day_start(d);
                days.day_start(day);
                days.days_between(a, b);
            }
        }
    }
}
