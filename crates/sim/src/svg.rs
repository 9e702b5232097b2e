//! Small SVG charts, written by hand: no chart dependency is worth it for a line and
//! some bars. Every label is ours (dates, month names, numbers), never input text.

use std::fmt::Write;

const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 360.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 48.0;

fn header(out: &mut String, title: &str) {
    let _ = writeln!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">
<title>{title}</title>
<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="white"/>
<text x="{LEFT}" y="24" font-size="15" font-weight="bold">{title}</text>"#,
        title = escape(title)
    );
}

fn y_axis(out: &mut String, max: f64, step: f64) {
    let plot_h = HEIGHT - TOP - BOTTOM;
    let mut v = 0.0;
    while v <= max + 1e-9 {
        let y = TOP + plot_h - v / max * plot_h;
        let _ = writeln!(
            out,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{x2}" y2="{y:.1}" stroke="#ddd"/><text x="{tx}" y="{ty:.1}" text-anchor="end">{v}</text>"##,
            x2 = WIDTH - RIGHT,
            tx = LEFT - 6.0,
            ty = y + 4.0,
        );
        v += step;
    }
}

/// The axis titles: the y title turned along the axis, the x title under the labels.
fn axis_titles(out: &mut String, y_title: &str, x_title: &str) {
    let mid_y = TOP + (HEIGHT - TOP - BOTTOM) / 2.0;
    let _ = writeln!(
        out,
        r##"<text x="14" y="{mid_y:.1}" text-anchor="middle" transform="rotate(-90 14 {mid_y:.1})" fill="#333">{y}</text><text x="{mid_x:.1}" y="{xy:.1}" text-anchor="middle" fill="#333">{x}</text>"##,
        mid_x = LEFT + (WIDTH - LEFT - RIGHT) / 2.0,
        xy = HEIGHT - BOTTOM + 32.0,
        y = escape(y_title),
        x = escape(x_title),
    );
}

fn nice_step(max: f64) -> f64 {
    let raw = (max / 5.0).max(1.0);
    let magnitude = 10f64.powf(raw.log10().floor());
    let candidates = [1.0, 2.0, 5.0, 10.0];
    candidates.iter().map(|c| c * magnitude).find(|s| *s >= raw).unwrap_or(10.0 * magnitude)
}

/// What an occupancy chart counts: the unit (`beds`, `rooms`) and the caption under it.
pub(crate) struct Counted<'a> {
    pub(crate) unit: &'a str,
    pub(crate) caption: &'a str,
}

/// A count per day (beds or rooms in use), as a polyline with one point per day, and a dashed
/// line at capacity.
pub(crate) fn occupancy_chart(
    title: &str,
    beds_per_day: &[u32],
    capacity: u32,
    month_starts: &[(usize, &str)],
    counted: &Counted<'_>,
) -> String {
    let mut out = String::new();
    header(&mut out, title);
    let max_value = f64::from(capacity.max(beds_per_day.iter().copied().max().unwrap_or(0)).max(1));
    let step = nice_step(max_value);
    let max = (max_value / step).ceil() * step;
    y_axis(&mut out, max, step);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let days = beds_per_day.len().max(2);
    let x_of = |i: usize| LEFT + plot_w * (i as f64) / ((days - 1) as f64);
    let y_of = |v: f64| TOP + plot_h - v / max * plot_h;
    for (day, name) in month_starts {
        let _ = writeln!(
            out,
            r#"<text x="{x:.1}" y="{y}" text-anchor="start">{name}</text>"#,
            x = x_of(*day) + 2.0,
            y = HEIGHT - BOTTOM + 16.0,
            name = escape(name)
        );
    }
    let cap_y = y_of(f64::from(capacity));
    let _ = writeln!(
        out,
        r##"<line x1="{LEFT}" y1="{cap_y:.1}" x2="{x2}" y2="{cap_y:.1}" stroke="#c0392b" stroke-dasharray="6 4"/><text x="{x2}" y="{ty:.1}" text-anchor="end" fill="#c0392b">{capacity} {unit}</text>"##,
        x2 = WIDTH - RIGHT,
        ty = cap_y - 4.0,
        unit = escape(counted.unit),
    );
    let points: Vec<String> =
        beds_per_day.iter().enumerate().map(|(i, v)| format!("{:.1},{:.1}", x_of(i), y_of(f64::from(*v)))).collect();
    let _ = writeln!(
        out,
        r##"<polyline class="data" fill="none" stroke="#2c6fbb" stroke-width="1.5" points="{}"/>"##,
        points.join(" ")
    );
    axis_titles(&mut out, &format!("{} in use", counted.unit), "night of the year (month starts marked)");
    let _ = writeln!(
        out,
        r##"<text x="{LEFT}" y="{y}" font-size="11" fill="#555">{caption}</text>"##,
        y = HEIGHT - 4.0,
        caption = escape(counted.caption)
    );
    out.push_str("</svg>\n");
    out
}

/// One bar per label (for example stays begun per month), with the axis titles.
pub(crate) fn bar_chart(title: &str, bars: &[(&str, u32)], axes: (&str, &str), caption: &str) -> String {
    let mut out = String::new();
    header(&mut out, title);
    let max_value = f64::from(bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1));
    let step = nice_step(max_value);
    let max = (max_value / step).ceil() * step;
    y_axis(&mut out, max, step);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot = plot_w / (bars.len().max(1) as f64);
    for (i, (label, value)) in bars.iter().enumerate() {
        let h = f64::from(*value) / max * plot_h;
        let x = LEFT + slot * i as f64 + slot * 0.15;
        let y = TOP + plot_h - h;
        let _ = writeln!(
            out,
            r##"<rect class="data" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="#2c6fbb"><title>{label}: {value}</title></rect><text x="{cx:.1}" y="{vy:.1}" text-anchor="middle">{value}</text><text x="{cx:.1}" y="{ly:.1}" text-anchor="middle">{label}</text>"##,
            w = slot * 0.7,
            cx = x + slot * 0.35,
            vy = y - 4.0,
            ly = HEIGHT - BOTTOM + 16.0,
            label = escape(label),
        );
    }
    axis_titles(&mut out, axes.0, axes.1);
    let _ = writeln!(
        out,
        r##"<text x="{LEFT}" y="{y}" font-size="11" fill="#555">{caption}</text>"##,
        y = HEIGHT - 4.0,
        caption = escape(caption)
    );
    out.push_str("</svg>\n");
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
