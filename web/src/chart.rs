//! Charts drawn on the server as SVG, readable at a glance and without JavaScript: each one
//! sits beside a table with the same numbers (the accessible version), so the SVG is marked
//! as an image with a one-line summary. Attributes only, no inline style (the CSP forbids
//! it); colours come from the stylesheet's classes.

use std::fmt::Write as _;

/// One bar: its label and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
}

pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Vertical bars over time (one per day), with the largest value marked on the axis and the
/// first and last labels under it. `summary` is what a screen reader hears.
pub fn columns(summary: &str, bars: &[Bar]) -> String {
    let (width, height, top, bottom, left) = (640.0_f64, 180.0_f64, 12.0, 22.0, 36.0);
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let plot_w = width - left - 4.0;
    let plot_h = height - top - bottom;
    let step = plot_w / bars.len().max(1) as f64;
    let bar_w = (step * 0.8).max(1.0);
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{}">"#,
        escape(summary)
    );
    let _ = write!(
        svg,
        r#"<line class="chart-axis" x1="{left}" y1="{y}" x2="{x2}" y2="{y}"/><text class="chart-label" x="{lx}" y="{ty}" text-anchor="end">{max}</text><text class="chart-label" x="{lx}" y="{y}" text-anchor="end">0</text>"#,
        y = top + plot_h,
        x2 = width - 4.0,
        lx = left - 4.0,
        ty = top + 8.0,
    );
    for (i, bar) in bars.iter().enumerate() {
        let h = plot_h * bar.value as f64 / max as f64;
        let x = left + step * i as f64 + (step - bar_w) / 2.0;
        let _ = write!(
            svg,
            r#"<rect class="chart-bar" x="{x:.1}" y="{:.1}" width="{bar_w:.1}" height="{h:.1}"><title>{}: {}</title></rect>"#,
            top + plot_h - h,
            escape(&bar.label),
            bar.value
        );
    }
    if let (Some(first), Some(last)) = (bars.first(), bars.last()) {
        let _ = write!(
            svg,
            r#"<text class="chart-label" x="{left}" y="{h}">{}</text><text class="chart-label" x="{r}" y="{h}" text-anchor="end">{}</text>"#,
            escape(&first.label),
            escape(&last.label),
            h = height - 6.0,
            r = width - 4.0
        );
    }
    svg.push_str("</svg>");
    svg
}

/// About how wide `label` is drawn, in the chart's units: wide (CJK) characters count twice.
fn label_width(label: &str) -> f64 {
    let units: f64 = label.chars().map(|c| if (c as u32) >= 0x1100 { 2.0 } else { 1.0 }).sum();
    units * 7.0
}

/// Horizontal bars, one row per item, each labelled with its name and value. The label column
/// grows to the longest label (German and French names run long), up to half the chart.
pub fn rows(summary: &str, bars: &[Bar]) -> String {
    let (width, row_h) = (640.0_f64, 26.0_f64);
    let longest = bars.iter().map(|bar| label_width(&bar.label)).fold(0.0, f64::max);
    let label_w = (longest + 16.0).clamp(170.0, width / 2.0);
    let height = row_h * bars.len().max(1) as f64;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let plot_w = width - label_w - 60.0;
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{}">"#,
        escape(summary)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = row_h * i as f64;
        let w = (plot_w * bar.value as f64 / max as f64).max(if bar.value > 0 { 1.0 } else { 0.0 });
        let _ = write!(
            svg,
            r#"<text class="chart-label" x="{lx}" y="{ty:.1}" text-anchor="end">{}</text><rect class="chart-bar" x="{label_w}" y="{by:.1}" width="{w:.1}" height="{bh:.1}"/><text class="chart-value" x="{vx:.1}" y="{ty:.1}">{}</text>"#,
            escape(&bar.label),
            bar.value,
            lx = label_w - 8.0,
            ty = y + row_h * 0.65,
            by = y + row_h * 0.2,
            bh = row_h * 0.6,
            vx = label_w + w + 6.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(values: &[i64]) -> Vec<Bar> {
        values.iter().enumerate().map(|(i, v)| Bar { label: format!("d{i}"), value: *v }).collect()
    }

    #[test]
    fn the_tallest_bar_fills_the_plot_and_labels_are_escaped() {
        let svg = columns("Orders <per> day", &bars(&[0, 5, 10]));
        assert!(svg.contains(r#"aria-label="Orders &lt;per&gt; day""#));
        assert!(svg.contains(r#"height="146.0"><title>d2: 10</title>"#), "{svg}");
        assert!(svg.contains(r#"height="0.0"><title>d0: 0</title>"#));
        assert_eq!(svg.matches("<rect").count(), 3);
        let svg = rows("Cities", &[Bar { label: "Kraków & co".into(), value: 3 }]);
        assert!(svg.contains("Kraków &amp; co") && svg.contains(">3</text>"));
    }

    #[test]
    fn the_label_column_makes_room_for_long_labels() {
        let short = rows("Funnel", &[Bar { label: "Orders".into(), value: 3 }]);
        assert!(short.contains(r#"<rect class="chart-bar" x="170""#), "{short}");
        let german = "Bestellungen, die bezahlt wurden";
        let long = rows("Funnel", &[Bar { label: german.into(), value: 3 }]);
        let x = 32.0 * 7.0 + 16.0;
        assert!(long.contains(&format!(r#"<rect class="chart-bar" x="{x}""#)), "{long}");
        let japanese = rows("Funnel", &[Bar { label: "支払い済みの注文".into(), value: 3 }]);
        assert!(japanese.contains(r#"<rect class="chart-bar" x="170""#), "{japanese}");
        let endless = rows("Funnel", &[Bar { label: "x".repeat(200), value: 3 }]);
        assert!(endless.contains(r#"<rect class="chart-bar" x="320""#), "{endless}");
    }

    #[test]
    fn empty_charts_draw_nothing_but_the_frame() {
        assert_eq!(columns("none", &[]).matches("<rect").count(), 0);
        assert_eq!(rows("none", &[]).matches("<rect").count(), 0);
    }
}
