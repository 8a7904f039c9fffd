//! An order's tickets as one PDF: a page per ticket with the event, its date and time in the
//! event's own time zone, the venue, the ticket's type, holder, price and serial, the order
//! reference, and a QR code of the ticket's signed token.
//!
//! Everything printed is in the language the buyer bought in ([`TicketDocument::locale`]):
//! labels from the `tickets.ftl` messages, the date and time as that language writes them, on
//! the event's clock, with the zone named.
//!
//! Text is set in DejaVu Sans (embedded, subset to the glyphs used, so a ticket weighs about
//! 40 KB). It covers Latin, Greek and Cyrillic. A line it cannot draw (a Japanese title, a
//! Chinese name) is set in Noto Sans CJK JP, read from Debian's `fonts-noto-cjk`
//! ([`CJK_FONT_DIR`], or `TESSERA_PDF_CJK_FONT_DIR`) the first time a ticket needs it, and
//! subset the same way. What neither font draws (a `Ł` in a Japanese line, or Japanese without
//! the CJK font) is spelled in Latin letters rather than printed as boxes; the labels of a
//! Japanese ticket are then printed in English. The QR code is drawn as vector squares, so it stays sharp at any zoom and
//! needs no image codec.

use std::path::PathBuf;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use printpdf::{
    Color, FontId, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};
use tessera_i18n::format::{Style, instant, zone_name};
use tessera_i18n::{Locale, message, message_args};

static REGULAR_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// The fonts, parsed once per process.
static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let parse = |bytes: &[u8]| {
        ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("the bundled DejaVu fonts parse")
    };
    Fonts { regular: parse(REGULAR_TTF), bold: parse(BOLD_TTF) }
});

/// Where Debian's `fonts-noto-cjk` puts Noto Sans CJK.
pub const CJK_FONT_DIR: &str = "/usr/share/fonts/opentype/noto";

/// Noto Sans CJK JP, regular and bold, when installed: parsed once (about 40 MB in memory),
/// on the first ticket with a line DejaVu cannot draw. The collections' first face is the
/// Japanese one.
static CJK: LazyLock<Option<Fonts>> = LazyLock::new(|| {
    let dir = std::env::var_os("TESSERA_PDF_CJK_FONT_DIR")
        .map_or_else(|| PathBuf::from(CJK_FONT_DIR), PathBuf::from);
    let parse = |file: &str| {
        let path = dir.join(file);
        let bytes = std::fs::read(&path)
            .map_err(|e| tracing::warn!(path = %path.display(), error = %e, "no CJK font: Japanese and Chinese text on tickets is spelled in Latin letters"))
            .ok()?;
        ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).or_else(|| {
            tracing::warn!(path = %path.display(), "the CJK font does not parse");
            None
        })
    };
    Some(Fonts { regular: parse("NotoSansCJK-Regular.ttc")?, bold: parse("NotoSansCJK-Bold.ttc")? })
});

/// Whether Noto Sans CJK is there to print Japanese and Chinese.
pub fn cjk_available() -> bool {
    CJK.is_some()
}

struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

impl Fonts {
    fn face(&self, bold: bool) -> &ParsedFont {
        if bold { &self.bold } else { &self.regular }
    }
}

fn draws(font: &ParsedFont, text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || draws_char(font, c))
}

fn draws_char(font: &ParsedFont, c: char) -> bool {
    font.lookup_glyph_index(c as u32).is_some_and(|gid| gid != 0)
}

/// What is printed on an order's tickets.
#[derive(Debug, Clone)]
pub struct TicketDocument {
    /// The language the buyer bought in: labels, date and time are printed in it.
    pub locale: Locale,
    pub event_title: String,
    pub starts_at: DateTime<Utc>,
    /// The event's IANA zone: times are printed in it, and it is named.
    pub timezone: Tz,
    pub venue_name: String,
    pub address: String,
    pub city: String,
    pub country: String,
    /// The buyer, printed as each ticket's holder.
    pub holder_name: String,
    /// The order's reference as the customer sees it on the order page.
    pub order_reference: String,
    pub tickets: Vec<PdfTicket>,
}

/// One admission.
#[derive(Debug, Clone)]
pub struct PdfTicket {
    pub serial: String,
    pub ticket_type_name: String,
    /// The price paid, written with its currency in the document's language (`18,00 €`).
    pub price: String,
    /// The signed token the QR code carries.
    pub token: String,
}

/// The order reference printed on tickets and shown on the order page: the order id's first
/// twelve hex digits, grouped.
pub fn order_reference(order_id: uuid::Uuid) -> String {
    let hex = order_id.simple().to_string().to_uppercase();
    format!("{}-{}-{}", &hex[..4], &hex[4..8], &hex[8..12])
}

/// `Saturday, March 14, 2026, 8:00 PM (Poland Time)`, `2026年3月14日土曜日 20:00（ポーランド時間）`:
/// the start on the event's clock, in `locale`, the zone named.
pub fn local_start(locale: Locale, starts_at: DateTime<Utc>, timezone: Tz) -> String {
    let zone = timezone.name();
    message_args(
        locale,
        "ticket-starts",
        [
            ("date", instant(locale, starts_at, zone, Style::LongDate).into()),
            ("time", instant(locale, starts_at, zone, Style::Time).into()),
            ("zone", zone_name(locale, starts_at, zone).into()),
        ],
    )
}

const PAGE_WIDTH: f32 = 210.0;
const PAGE_HEIGHT: f32 = 297.0;
const MARGIN: f32 = 20.0;
const QR_SIZE: f32 = 62.0;
const INK: Rgb = Rgb { r: 0.08, g: 0.09, b: 0.11, icc_profile: None };
const MUTED: Rgb = Rgb { r: 0.35, g: 0.37, b: 0.40, icc_profile: None };
const ACCENT: Rgb = Rgb { r: 0.11, g: 0.33, b: 0.62, icc_profile: None };

/// Renders the tickets, one page each. CPU-bound (a few milliseconds a ticket): call it off
/// the async threads.
pub fn render(doc: &TicketDocument) -> Vec<u8> {
    let fonts = &*FONTS;
    let title =
        message_args(doc.locale, "ticket-document-title", [("title", doc.event_title.as_str().into())]);
    let mut pdf = PdfDocument::new(&title);
    let regular = pdf.add_font(&fonts.regular);
    let bold = pdf.add_font(&fonts.bold);
    let labels = Labels::new(doc.locale, doc);
    // The CJK font is read only for a ticket with a line DejaVu cannot draw.
    let latin_only = doc.texts(&labels).all(|text| draws(&fonts.regular, &text));
    let cjk = if latin_only { None } else { CJK.as_ref() };
    let labels = readable(labels, doc, cjk.is_some());
    let cjk = cjk.map(|cjk| (pdf.add_font(&cjk.regular), pdf.add_font(&cjk.bold), cjk));
    let faces = Faces { regular, bold, fonts, cjk };
    let count = doc.tickets.len();
    let pages = doc
        .tickets
        .iter()
        .enumerate()
        .map(|(i, ticket)| {
            PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), page(doc, &labels, ticket, i + 1, count, &faces))
        })
        .collect();
    let mut warnings = Vec::new();
    pdf.with_pages(pages).save(&PdfSaveOptions::default(), &mut warnings)
}

/// The document's words in its language, written once for all its pages.
struct Labels {
    locale: Locale,
    heading: String,
    starts: String,
    ticket_type: String,
    holder: String,
    price: String,
    order: String,
    serial: String,
    door_note: String,
    /// The venue and its address in the order its country writes them, the country named in
    /// the document's language.
    place: Vec<String>,
}

impl Labels {
    fn new(locale: Locale, doc: &TicketDocument) -> Self {
        let t = |id| message(locale, id);
        Labels {
            locale,
            heading: t("ticket-heading"),
            starts: local_start(locale, doc.starts_at, doc.timezone),
            ticket_type: t("ticket-type-label"),
            holder: t("ticket-holder-label"),
            price: t("ticket-price-label"),
            order: t("ticket-order-label"),
            serial: t("ticket-serial-label"),
            door_note: t("ticket-door-note"),
            place: tessera_i18n::format::address_lines(
                locale,
                &doc.country,
                &doc.venue_name,
                &doc.address,
                &doc.city,
            ),
        }
    }

    fn of(&self, number: usize, count: usize) -> String {
        message_args(self.locale, "ticket-of", [("number", number.into()), ("count", count.into())])
    }

    /// Every label printed (the page count as on the first page).
    fn all(&self) -> impl Iterator<Item = String> + '_ {
        [
            &self.heading,
            &self.starts,
            &self.ticket_type,
            &self.holder,
            &self.price,
            &self.order,
            &self.serial,
            &self.door_note,
        ]
        .into_iter()
        .cloned()
        .chain(self.place.iter().cloned())
        .chain([self.of(1, 1)])
    }
}

/// The labels, or English ones when they need the CJK font and it is not there: Japanese
/// labels would otherwise come out as Chinese readings in Latin letters.
fn readable(labels: Labels, doc: &TicketDocument, cjk: bool) -> Labels {
    if cjk || labels.all().all(|text| draws(&FONTS.regular, &text)) {
        labels
    } else {
        Labels::new(Locale::En, doc)
    }
}

impl TicketDocument {
    /// Every text printed: the order's and the labels.
    fn texts<'a>(&'a self, labels: &'a Labels) -> impl Iterator<Item = String> + 'a {
        [&self.event_title, &self.venue_name, &self.address, &self.city, &self.holder_name]
            .into_iter()
            .cloned()
            .chain(self.tickets.iter().flat_map(|t| [t.ticket_type_name.clone(), t.price.clone()]))
            .chain(labels.all())
    }
}

struct Faces<'a> {
    regular: FontId,
    bold: FontId,
    fonts: &'a Fonts,
    /// Noto Sans CJK, regular and bold, when the document has a line only it can draw.
    cjk: Option<(FontId, FontId, &'a Fonts)>,
}

impl Faces<'_> {
    /// The face for a line: DejaVu when it draws all of it, else Noto Sans CJK when the line
    /// has characters only that draws (what it lacks, a `Ł`, spelled in Latin letters), else
    /// DejaVu with what it lacks spelled in Latin letters.
    fn pick(&self, bold: bool, text: &str) -> (FontId, &ParsedFont, String) {
        let latin = self.fonts.face(bold);
        let latin_id = if bold { self.bold.clone() } else { self.regular.clone() };
        if draws(latin, text) {
            return (latin_id, latin, text.to_string());
        }
        if let Some((regular, bold_id, cjk)) = &self.cjk {
            let face = cjk.face(bold);
            let only_cjk = |c: char| !draws_char(latin, c) && draws_char(face, c);
            if text.chars().any(only_cjk) {
                // Noto CJK has no narrow no-break space (ICU puts one before AM/PM): a no-break
                // space looks the same.
                let text = text.replace('\u{202f}', "\u{a0}");
                let id = if bold { bold_id.clone() } else { regular.clone() };
                return (id, face, printable(&text, face));
            }
        }
        (latin_id, latin, printable(text, latin))
    }
}

/// Draws text lines top-down from a cursor, wrapping to a width.
struct Writer<'a> {
    ops: Vec<Op>,
    faces: &'a Faces<'a>,
    /// The baseline of the next line, in mm from the bottom of the page.
    y: f32,
}

impl Writer<'_> {
    fn text(&mut self, x: f32, width: f32, size: f32, bold: bool, color: &Rgb, text: &str) {
        let leading = size * 0.3528 * 1.3;
        let (font, parsed, text) = self.faces.pick(bold, text);
        for line in wrap(&text, parsed, size, width) {
            self.ops.extend([
                Op::StartTextSection,
                Op::SetFillColor { col: Color::Rgb(color.clone()) },
                Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(size) },
                Op::SetTextCursor { pos: Point { x: Mm(x).into(), y: Mm(self.y).into() } },
                Op::ShowText { items: vec![TextItem::Text(line)] },
                Op::EndTextSection,
            ]);
            self.y -= leading;
        }
    }

    fn gap(&mut self, mm: f32) {
        self.y -= mm;
    }

    /// A label above its value, in a column.
    fn field(&mut self, x: f32, width: f32, label: &str, value: &str) {
        self.text(x, width, 8.5, false, &MUTED, label);
        self.gap(0.8);
        self.text(x, width, 12.0, true, &INK, value);
        self.gap(2.5);
    }

    fn rule(&mut self, x0: f32, x1: f32) {
        self.ops.push(Op::SetFillColor { col: Color::Rgb(MUTED.clone()) });
        self.ops.push(rectangle(x0, self.y, x1 - x0, 0.3));
    }
}

fn page(
    doc: &TicketDocument,
    labels: &Labels,
    ticket: &PdfTicket,
    number: usize,
    count: usize,
    faces: &Faces<'_>,
) -> Vec<Op> {
    let content = PAGE_WIDTH - 2.0 * MARGIN;
    let mut w = Writer { ops: Vec::new(), faces, y: PAGE_HEIGHT - MARGIN - 4.0 };

    w.text(MARGIN, content, 10.0, true, &ACCENT, &labels.heading);
    w.y += 10.0 * 0.3528 * 1.3;
    let of = labels.of(number, count);
    let of_width = text_width(&of, faces.pick(false, &of).1, 10.0);
    w.text(PAGE_WIDTH - MARGIN - of_width, of_width + 1.0, 10.0, false, &MUTED, &of);
    w.gap(2.0);
    w.rule(MARGIN, PAGE_WIDTH - MARGIN);
    w.gap(11.0);

    w.text(MARGIN, content, 22.0, true, &INK, &doc.event_title);
    w.gap(1.5);
    w.text(MARGIN, content, 12.5, false, &INK, &labels.starts);
    w.gap(1.0);
    for line in &labels.place {
        if *line == doc.venue_name {
            w.text(MARGIN, content, 12.5, true, &INK, line);
        } else {
            w.text(MARGIN, content, 11.0, false, &INK, line);
        }
    }
    w.gap(5.0);
    w.rule(MARGIN, PAGE_WIDTH - MARGIN);
    w.gap(9.0);

    // Details on the left, the QR code on the right.
    let top = w.y;
    let column = content - QR_SIZE - 8.0;
    w.field(MARGIN, column, &labels.ticket_type, &ticket.ticket_type_name);
    w.field(MARGIN, column, &labels.holder, &doc.holder_name);
    w.field(MARGIN, column, &labels.price, &ticket.price);
    w.field(MARGIN, column, &labels.order, &doc.order_reference);
    w.field(MARGIN, column, &labels.serial, &ticket.serial);
    let details_bottom = w.y;

    let qr_x = PAGE_WIDTH - MARGIN - QR_SIZE;
    let qr_y = top + 4.0 - QR_SIZE;
    w.ops.push(Op::SetFillColor { col: Color::Rgb(INK.clone()) });
    if let Some(qr) = qr_code(&ticket.token, qr_x, qr_y, QR_SIZE) {
        w.ops.push(qr);
    }
    w.y = qr_y - 4.0;
    let caption = ticket.serial.as_str();
    let caption_width = text_width(caption, &faces.fonts.regular, 9.0);
    w.text(qr_x + (QR_SIZE - caption_width) / 2.0, QR_SIZE, 9.0, false, &MUTED, caption);

    w.y = w.y.min(details_bottom) - 6.0;
    w.rule(MARGIN, PAGE_WIDTH - MARGIN);
    w.gap(7.0);
    w.text(MARGIN, content, 9.5, false, &MUTED, &labels.door_note);
    w.ops
}

/// A filled rectangle, in mm from the bottom left.
fn rectangle(x: f32, y: f32, width: f32, height: f32) -> Op {
    Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![ring(x, y, width, height)],
            mode: PaintMode::Fill,
            winding_order: WindingOrder::NonZero,
        },
    }
}

fn ring(x: f32, y: f32, width: f32, height: f32) -> PolygonRing {
    let point = |x: f32, y: f32| LinePoint { p: Point { x: Mm(x).into(), y: Mm(y).into() }, bezier: false };
    PolygonRing {
        points: vec![point(x, y), point(x + width, y), point(x + width, y + height), point(x, y + height)],
    }
}

/// The token as a QR code (error correction M) of `size` mm with its quiet zone, as one
/// polygon of dark runs. `None` only for data too long for any QR code, which a token is not.
fn qr_code(data: &str, x: f32, y: f32, size: f32) -> Option<Op> {
    let (width, runs) = tessera_web::view::qr_runs(data)?;
    let quiet = 4;
    let module = size / (width + 2 * quiet) as f32;
    let rings = runs
        .into_iter()
        .map(|(row, start, len)| {
            ring(
                x + (quiet + start) as f32 * module,
                y + size - (quiet + row + 1) as f32 * module,
                len as f32 * module,
                module,
            )
        })
        .collect();
    Some(Op::DrawPolygon {
        polygon: Polygon { rings, mode: PaintMode::Fill, winding_order: WindingOrder::NonZero },
    })
}

/// The text with every character the font cannot draw spelled in Latin letters instead
/// (`山田` → `Shan Tian`): DejaVu Sans covers the Latin, Greek and Cyrillic scripts of our
/// cities, not CJK or Thai, and a name printed as empty boxes helps nobody at the door.
fn printable(text: &str, font: &ParsedFont) -> String {
    let drawable = |c: char| draws_char(font, c);
    if text.chars().all(|c| drawable(c) || c.is_whitespace()) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if drawable(c) || c.is_whitespace() {
            out.push(c);
        } else {
            let spelled = deunicode::deunicode_char(c).unwrap_or("?").trim();
            if !spelled.is_empty() {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push_str(spelled);
            }
        }
    }
    out
}

/// Width of `text` in mm at `size` points.
fn text_width(text: &str, font: &ParsedFont, size: f32) -> f32 {
    let units_per_em = f32::from(font.font_metrics.units_per_em.max(1));
    let units: f32 = text
        .chars()
        .map(|c| {
            f32::from(font.lookup_glyph_index(c as u32).map_or(0, |gid| font.get_horizontal_advance(gid)))
        })
        .sum();
    units / units_per_em * size * 0.3528
}

/// Greedy word wrap to `width` mm at spaces (not at no-break spaces: `45,00 zł` and `8:00 PM`
/// stay whole); a word longer than a line, as a Japanese sentence is, is broken between
/// characters, never before closing punctuation (`。`, `、`, `）`), which stays on its line.
fn wrap(text: &str, font: &ParsedFont, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split([' ', '\u{3000}']).filter(|word| !word.is_empty()) {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if text_width(&candidate, font, size) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if text_width(&piece, font, size) > width && piece.chars().count() > 1 && !closes(c) {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        line = piece;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Punctuation a line must not start with (Japanese line-breaking rules, kinsoku).
fn closes(c: char) -> bool {
    matches!(
        c,
        '。' | '、'
            | '，'
            | '．'
            | '」'
            | '』'
            | '）'
            | ')'
            | '！'
            | '？'
            | '・'
            | 'ー'
            | '〜'
            | '～'
            | ','
            | '.'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_within_the_width_and_keeps_every_word() {
        let font = &FONTS.regular;
        let text = "Fête de la Musique à Łódź: Straße, São Paulo, Françoise — an evening of music";
        let lines = wrap(text, font, 12.0, 60.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|line| text_width(line, font, 12.0) <= 60.0), "{lines:?}");
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn every_character_of_the_demo_catalog_has_a_glyph() {
        // Names, venues and addresses in the cities' languages, Japanese included: none may
        // print as a box or be spelled out. DejaVu draws the Latin scripts; Noto Sans CJK (which
        // scripts/ensure-services.sh installs) the Japanese.
        let cjk = CJK.as_ref().expect("Noto Sans CJK (fonts-noto-cjk, see scripts/ensure-services.sh)");
        for (file, json) in tessera_web::demo::EVENT_FILES {
            for c in json.chars().filter(|c| !c.is_control()) {
                for (face, latin, cjk) in
                    [("regular", &FONTS.regular, &cjk.regular), ("bold", &FONTS.bold, &cjk.bold)]
                {
                    assert!(
                        draws_char(latin, c) || draws_char(cjk, c),
                        "{c:?} (U+{:04X}) of {file} has no glyph in DejaVu Sans {face} nor Noto Sans CJK {face}",
                        c as u32
                    );
                }
            }
        }
    }

    #[test]
    fn no_break_spaces_hold_and_japanese_breaks_between_characters_but_not_before_a_full_stop() {
        let font = &FONTS.regular;
        let lines = wrap("Price 1\u{a0}234,56\u{a0}€ at 8:00\u{202f}PM", font, 12.0, 30.0);
        assert!(lines.iter().any(|l| l.contains("1\u{a0}234,56\u{a0}€")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("8:00\u{202f}PM")), "{lines:?}");
        if let Some(cjk) = CJK.as_ref() {
            let text = "入口でこのページを、印刷するかスマートフォンの画面でご提示ください。QRコードで入場できるのはお一人様1回限りです。";
            let lines = wrap(text, &cjk.regular, 9.5, 40.0);
            assert!(lines.len() > 2, "{lines:?}");
            assert_eq!(lines.concat(), text);
            assert!(lines.iter().all(|l| !l.starts_with(['。', '、'])), "{lines:?}");
        }
    }

    #[test]
    fn characters_the_font_lacks_are_spelled_in_latin_letters() {
        let font = &FONTS.regular;
        assert_eq!(printable("Zoë Łukasiewicz", font), "Zoë Łukasiewicz");
        let spelled = printable("山田 太郎", font);
        assert!(spelled.is_ascii() && spelled.contains("Shan") && spelled.contains("Tian"), "{spelled}");
    }

    #[test]
    fn times_are_in_the_events_zone_in_the_buyers_language_and_name_it() {
        let starts = DateTime::parse_from_rfc3339("2026-03-14T19:00:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(
            local_start(Locale::Pl, starts, chrono_tz::Europe::Warsaw),
            "sobota, 14 marca 2026, godz. 20:00 (czas: Polska)"
        );
        assert_eq!(
            local_start(Locale::En, starts, chrono_tz::Europe::Warsaw),
            "Saturday, March 14, 2026, 8:00\u{202f}PM (Poland Time)"
        );
        assert_eq!(
            local_start(Locale::Ja, starts, chrono_tz::Asia::Tokyo),
            "2026年3月15日日曜日 4:00（日本時間）"
        );
    }

    #[test]
    fn a_ticket_renders_small_with_the_subset_font() {
        let doc = TicketDocument {
            locale: Locale::Pl,
            event_title: "Noc Muzeów: Łódź".into(),
            starts_at: Utc::now(),
            timezone: chrono_tz::Europe::Warsaw,
            venue_name: "Muzeum Sztuki".into(),
            address: "ul. Więckowskiego 36".into(),
            city: "Łódź".into(),
            country: "PL".into(),
            holder_name: "Zoë Błaszczykowska".into(),
            order_reference: order_reference(uuid::Uuid::from_u128(1)),
            tickets: vec![PdfTicket {
                serial: "ABCD-EFGH-JKLM".into(),
                ticket_type_name: "Standard".into(),
                price: "45,00 zł".into(),
                token: "TT1.x.y".into(),
            }],
        };
        let bytes = render(&doc);
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.len() < 60_000, "{} bytes", bytes.len());
    }

    #[test]
    fn a_japanese_ticket_without_the_cjk_font_keeps_its_labels_readable() {
        let doc = TicketDocument {
            locale: Locale::Ja,
            event_title: "Morning Tea".into(),
            starts_at: Utc::now(),
            timezone: chrono_tz::Asia::Tokyo,
            venue_name: "Taizo-in".into(),
            address: "35 Hanazono".into(),
            city: "Kyoto".into(),
            country: "JP".into(),
            holder_name: "Hanako Yamada".into(),
            order_reference: order_reference(uuid::Uuid::from_u128(2)),
            tickets: vec![],
        };
        let without = readable(Labels::new(Locale::Ja, &doc), &doc, false);
        assert_eq!(without.heading, "TESSERA · ADMISSION TICKET");
        assert!(without.all().all(|label| draws(&FONTS.regular, &label)));
        let with = readable(Labels::new(Locale::Ja, &doc), &doc, true);
        assert_eq!(with.heading, "TESSERA · 入場券");
    }
}
