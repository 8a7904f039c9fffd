//! Calendar files (iCalendar, RFC 5545) for an event: attached to the ticket email and
//! downloadable from the event and order pages. Times are written on the event's own clock
//! with its IANA zone (`DTSTART;TZID=Europe/Lisbon:…`) and that zone's rules around the event
//! (`VTIMEZONE`), so a calendar shows the event at the right hour wherever its owner travels.

use chrono::{DateTime, Duration, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// What a calendar entry says of an event.
#[derive(Debug, Clone)]
pub struct CalendarEvent {
    /// Stable across downloads and emails, so importing it twice updates one entry.
    pub uid: String,
    pub title: String,
    /// The language `title` and `description` are in (BCP 47).
    pub language: String,
    pub description: String,
    pub location: String,
    /// The event's page.
    pub url: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: Tz,
    /// The event was cancelled: calendars mark it so.
    pub cancelled: bool,
    /// Goes up with every change of the event (its version), so a calendar that imported an
    /// earlier copy takes this one.
    pub sequence: i32,
}

/// The event as an `.ics` file: one `VEVENT` and the `VTIMEZONE` it refers to, lines ended by
/// CRLF and folded at 75 octets as RFC 5545 asks.
pub fn calendar(event: &CalendarEvent, now: DateTime<Utc>) -> String {
    let zone = event.timezone;
    // A local time that occurs twice (the hour the clocks go back) means its first occurrence
    // (RFC 5545 §3.3.5): the second is written in UTC instead.
    let time = |name: &str, at: DateTime<Utc>| {
        let wall = at.with_timezone(&zone).naive_local();
        match zone.from_local_datetime(&wall) {
            chrono::LocalResult::Ambiguous(first, _) if first.with_timezone(&Utc) != at => {
                format!("{name}:{}", at.format("%Y%m%dT%H%M%SZ"))
            }
            _ => format!("{name};TZID={}:{}", zone.name(), wall.format("%Y%m%dT%H%M%S")),
        }
    };
    let language = text_param(&event.language);
    // A file to add to a calendar, not an invitation: no METHOD.
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Tessera//Tickets//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
    ];
    lines.extend(timezone(zone, event.starts_at, event.ends_at));
    lines.extend([
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", escape(&event.uid)),
        format!("DTSTAMP:{}", now.format("%Y%m%dT%H%M%SZ")),
        time("DTSTART", event.starts_at),
        time("DTEND", event.ends_at),
        format!("SEQUENCE:{}", event.sequence.max(0)),
        format!("STATUS:{}", if event.cancelled { "CANCELLED" } else { "CONFIRMED" }),
        format!("SUMMARY;LANGUAGE={language}:{}", escape(&event.title)),
        format!("LOCATION:{}", escape(&event.location)),
        format!("DESCRIPTION;LANGUAGE={language}:{}", escape(&event.description)),
        format!("URL:{}", event.url),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ]);
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// `zone`'s `VTIMEZONE`: the observance in force a year before the event, then every change of
/// offset from then until a year after it (each with the offsets on either side).
fn timezone(zone: Tz, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Vec<String> {
    let from = starts_at - Duration::days(366);
    // However long the event says it lasts, a few years of rules are plenty.
    let to = ends_at.min(starts_at + Duration::days(3 * 366)) + Duration::days(366);
    let offset = |at: DateTime<Utc>| zone.offset_from_utc_datetime(&at.naive_utc());
    let seconds = |at: DateTime<Utc>| offset(at).fix().local_minus_utc();
    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", zone.name())];
    let mut changes = Vec::new();
    let mut day = from;
    while day < to {
        let next = day + Duration::days(1);
        if seconds(day) != seconds(next) {
            // Narrow the change down to the second.
            let (mut before, mut after) = (day, next);
            while after - before > Duration::seconds(1) {
                let middle = before + (after - before) / 2;
                if seconds(middle) == seconds(before) {
                    before = middle;
                } else {
                    after = middle;
                }
            }
            changes.push((before, after));
        }
        day = next;
    }
    let observance = |kind: &str, wall: String, from_offset: i32, to_offset: i32, name: String| {
        [
            format!("BEGIN:{kind}"),
            format!("DTSTART:{wall}"),
            format!("TZOFFSETFROM:{}", utc_offset(from_offset)),
            format!("TZOFFSETTO:{}", utc_offset(to_offset)),
            format!("TZNAME:{}", escape(&name)),
            format!("END:{kind}"),
        ]
    };
    // Daylight time is the clock moved forward from its neighbour, whatever the zone database
    // calls a saving (it counts Dublin's winter as a negative one).
    let kind = |from: i32, to: i32| if to > from { "DAYLIGHT" } else { "STANDARD" };
    let name = |at: DateTime<Utc>| at.with_timezone(&zone).format("%Z").to_string();
    // The observance in force at the start of the window covers the event even when the zone
    // changes only after it (or never: then it is the only one).
    let first = seconds(from);
    let since = if changes.is_empty() {
        "19700101T000000".to_string()
    } else {
        (from.naive_utc() + Duration::seconds(i64::from(first))).format("%Y%m%dT%H%M%S").to_string()
    };
    // The first observance is the one the first change leaves (standard before a move forward).
    let first_kind = match changes.first() {
        Some((before, after)) if seconds(*after) < seconds(*before) => "DAYLIGHT",
        _ => "STANDARD",
    };
    lines.extend(observance(first_kind, since, first, first, name(from)));
    for (before, after) in changes {
        // DTSTART is the change's moment on the clock as it read just before.
        let wall =
            (after.naive_utc() + Duration::seconds(i64::from(seconds(before)))).format("%Y%m%dT%H%M%S");
        let (from_offset, to_offset) = (seconds(before), seconds(after));
        lines.extend(observance(
            kind(from_offset, to_offset),
            wall.to_string(),
            from_offset,
            to_offset,
            name(after),
        ));
    }
    lines.push("END:VTIMEZONE".to_string());
    lines
}

/// `+0100`, `-0330`.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

/// A TEXT value: backslashes, semicolons, commas and newlines escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (a language tag): only what a tag may hold.
fn text_param(value: &str) -> String {
    let kept: String = value.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    if kept.is_empty() { "en".into() } else { kept }
}

/// Appends `line` folded to lines of at most 75 octets (continuations start with a space),
/// never inside a character, each ended by CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fado(zone: Tz) -> CalendarEvent {
        CalendarEvent {
            uid: "fado-vadio-na-mouraria-lisbon@tickets.example".into(),
            title: "Fado Vadio na Mouraria; guitarras, vozes".into(),
            language: "pt".into(),
            description: "Duas guitarras e uma voz.\n\nTraga uma almofada.".into(),
            location: "Tasca do Largo, Largo da Graça 12, Lisboa".into(),
            url: "https://tickets.example/events/fado-vadio-na-mouraria-lisbon".into(),
            starts_at: "2026-12-05T21:30:00Z".parse().unwrap(),
            ends_at: "2026-12-05T23:30:00Z".parse().unwrap(),
            timezone: zone,
            cancelled: false,
            sequence: 3,
        }
    }

    fn unfolded(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    #[test]
    fn times_are_on_the_events_clock_with_its_zone() {
        let now = "2026-12-01T10:00:00Z".parse().unwrap();
        let ics = calendar(&fado(chrono_tz::Europe::Lisbon), now);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        let ics = unfolded(&ics);
        assert!(ics.contains("\r\nDTSTART;TZID=Europe/Lisbon:20261205T213000\r\n"), "{ics}");
        assert!(ics.contains("\r\nDTEND;TZID=Europe/Lisbon:20261205T233000\r\n"));
        assert!(ics.contains("\r\nDTSTAMP:20261201T100000Z\r\n"));
        assert!(ics.contains("\r\nSUMMARY;LANGUAGE=pt:Fado Vadio na Mouraria\\; guitarras\\, vozes\r\n"));
        assert!(ics.contains("DESCRIPTION;LANGUAGE=pt:Duas guitarras e uma voz.\\n\\nTraga uma almofada."));
        // Lisbon's rules around it: summer time ends on 25 Oct 2026 at 02:00 WEST (01:00 UTC)
        // and begins on 28 Mar 2027 at 01:00 WET.
        assert!(ics.contains(
            "BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:WET\r\nEND:STANDARD"
        ), "{ics}");
        assert!(ics.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20270328T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:WEST\r\nEND:DAYLIGHT"
        ), "{ics}");
    }

    #[test]
    fn a_zone_without_summer_time_has_one_observance() {
        let now = "2026-12-01T10:00:00Z".parse().unwrap();
        let ics = unfolded(&calendar(&fado(chrono_tz::Asia::Tokyo), now));
        assert!(ics.contains("DTSTART;TZID=Asia/Tokyo:20261206T063000"), "{ics}");
        assert!(ics.contains(
            "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:JST\r\nEND:STANDARD"
        ), "{ics}");
        assert_eq!(ics.matches("BEGIN:STANDARD").count() + ics.matches("BEGIN:DAYLIGHT").count(), 1);
    }

    #[test]
    fn the_events_own_offset_is_covered_even_when_the_zone_changes_only_later() {
        // Almaty moved from +06 to +05 on 1 March 2024; an event in January is at +06.
        let mut event = fado(chrono_tz::Asia::Almaty);
        event.starts_at = "2024-01-20T14:00:00Z".parse().unwrap();
        event.ends_at = "2024-01-20T16:00:00Z".parse().unwrap();
        let ics = unfolded(&calendar(&event, Utc::now()));
        assert!(ics.contains("DTSTART;TZID=Asia/Almaty:20240120T200000"), "{ics}");
        assert!(
            ics.contains("TZOFFSETFROM:+0600\r\nTZOFFSETTO:+0600"),
            "the observance before the change: {ics}"
        );
        assert!(ics.contains("DTSTART:20240301T000000\r\nTZOFFSETFROM:+0600\r\nTZOFFSETTO:+0500"), "{ics}");
    }

    #[test]
    fn the_second_of_a_repeated_hour_is_written_in_utc_and_dublins_winter_is_standard() {
        // 01:30 on 25 October 2026 happens twice in Lisbon; the event ends at the second.
        let mut event = fado(chrono_tz::Europe::Lisbon);
        event.starts_at = "2026-10-24T22:00:00Z".parse().unwrap();
        event.ends_at = "2026-10-25T01:30:00Z".parse().unwrap();
        let ics = unfolded(&calendar(&event, Utc::now()));
        assert!(ics.contains("\r\nDTSTART;TZID=Europe/Lisbon:20261024T230000\r\n"), "{ics}");
        assert!(ics.contains("\r\nDTEND:20261025T013000Z\r\n"), "{ics}");
        let dublin = unfolded(&calendar(&fado(chrono_tz::Europe::Dublin), Utc::now()));
        assert!(dublin.contains("BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT"), "{dublin}");
        assert!(dublin.contains("BEGIN:DAYLIGHT\r\nDTSTART:20270328T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:IST"), "{dublin}");
    }

    #[test]
    fn a_cancelled_event_says_so_and_each_version_supersedes_the_last() {
        let mut event = fado(chrono_tz::Europe::Lisbon);
        event.cancelled = true;
        let ics = calendar(&event, Utc::now());
        assert!(ics.contains("\r\nSTATUS:CANCELLED\r\n") && ics.contains("\r\nSEQUENCE:3\r\n"), "{ics}");
        assert!(!ics.contains("METHOD:"), "a file to add, not an invitation");
        // An event said to last to the year 9999 still makes a small file, quickly.
        event.ends_at = "9999-12-31T00:00:00Z".parse().unwrap();
        assert!(calendar(&event, Utc::now()).len() < 10_000);
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut event = fado(chrono_tz::Asia::Tokyo);
        event.title = "朝の茶会：大徳寺近くの茶室で、濃茶と薄茶を味わい、自分で茶を点てる九十分".into();
        let ics = calendar(&event, Utc::now());
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        assert!(unfolded(&ics).contains(&format!("SUMMARY;LANGUAGE=pt:{}", event.title)));
    }
}
