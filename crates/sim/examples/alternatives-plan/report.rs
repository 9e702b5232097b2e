//! The comparison as tables (terminal, Markdown, CSV) and an SVG chart. Every label is ours or
//! the scenario's names (escaped in the SVG); no personal data is in any of them.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use krisesenter::core::Gender;

use crate::plan::{Factor, Got, Outcome};
use crate::scenario::Scenario;

/// A table: a header row and rows of a label and one cell per column.
pub(crate) struct Table {
    pub(crate) title: String,
    pub(crate) header: Vec<String>,
    pub(crate) rows: Vec<(String, Vec<String>)>,
}

impl Table {
    /// Fixed-width text, the first column left-aligned and the others right-aligned.
    pub(crate) fn text(&self) -> String {
        let label_w = self.rows.iter().map(|(l, _)| l.chars().count()).chain([0]).max().unwrap_or(0);
        let widths: Vec<usize> = (0..self.header.len())
            .map(|i| {
                let cells = self.rows.iter().filter_map(|(_, c)| c.get(i)).map(|c| c.chars().count());
                cells.chain(self.header.get(i).map(|h| h.chars().count())).max().unwrap_or(0)
            })
            .collect();
        let mut s = format!("{}\n", self.title);
        let line = |label: &str, cells: &[String]| {
            let mut l = format!("  {label:<label_w$}");
            for (c, w) in cells.iter().zip(&widths) {
                let _ = write!(l, "  {c:>w$}");
            }
            l.trim_end().to_owned() + "\n"
        };
        s.push_str(&line("", &self.header));
        for (label, cells) in &self.rows {
            s.push_str(&line(label, cells));
        }
        s
    }

    /// A Markdown table under a level-3 heading.
    pub(crate) fn markdown(&self) -> String {
        let mut s = format!("### {}\n\n| |", self.title);
        for h in &self.header {
            let _ = write!(s, " {h} |");
        }
        s.push_str("\n|---|");
        s.push_str(&"---:|".repeat(self.header.len()));
        s.push('\n');
        for (label, cells) in &self.rows {
            let _ = write!(s, "| {label} |");
            for c in cells {
                let _ = write!(s, " {c} |");
            }
            s.push('\n');
        }
        s
    }

    /// CSV rows `demand,table,row,column,value` (values with a comma or quote are quoted).
    pub(crate) fn csv(&self, demand: &str, out: &mut String) {
        for (label, cells) in &self.rows {
            for (h, c) in self.header.iter().zip(cells) {
                let fields = [demand, self.title.as_str(), label.as_str(), h.as_str(), c.as_str()].map(quote);
                let _ = writeln!(out, "{}", fields.join(","));
            }
        }
    }
}

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

/// Whole kroner with a space between thousands.
pub(crate) fn nok(ore: u64) -> String {
    let digits = (ore / 100).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

fn pct(part: u64, whole: u64) -> String {
    if whole == 0 { "-".to_owned() } else { format!("{:.0} %", 100.0 * part as f64 / whole as f64) }
}

fn gender_label(g: Gender) -> &'static str {
    match g {
        Gender::Female => "women",
        Gender::Male => "men",
        Gender::Other => "other gender",
        Gender::Unknown => "gender unknown",
    }
}

/// The models compared: id, name, places, rooms taken, costs.
pub(crate) fn models(outcomes: &[Outcome], scenario: &Scenario) -> Table {
    let rows = outcomes
        .iter()
        .map(|o| {
            let m = scenario.models.iter().find(|m| m.id.as_str() == o.id);
            let rooms =
                m.map_or_else(String::new, |m| m.rooms.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(" "));
            let cost = m.map_or_else(
                || "-".to_owned(),
                |m| {
                    format!("{} a place-year + {} a night", nok(m.nok_per_place_year * 100), nok(m.nok_per_night * 100))
                },
            );
            (
                o.id.clone(),
                vec![o.name.clone(), o.places.to_string(), if rooms.is_empty() { "-".to_owned() } else { rooms }, cost],
            )
        })
        .collect();
    Table {
        title: "The models (places, rooms and costs are the scenario's assumptions)".to_owned(),
        header: ["name", "places", "shelter rooms taken", "cost NOK"].map(str::to_owned).to_vec(),
        rows,
    }
}

/// The comparison of the models at one demand.
pub(crate) fn comparison(factor: Factor, outcomes: &[Outcome]) -> Table {
    let header: Vec<String> = outcomes.iter().map(|o| o.id.clone()).collect();
    let base = outcomes.first();
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let mut row = |label: &str, f: &dyn Fn(&Outcome) -> String| {
        rows.push((label.to_owned(), outcomes.iter().map(f).collect()));
    };
    row("places", &|o| o.places.to_string());
    row("refused a stay, alternative owed", &|o| o.refused.len().to_string());
    row("offered an equal alternative", &|o| o.offered().to_string());
    row("left with a gap", &|o| o.gaps().to_string());
    // Every gap reason and gender met in any model, so the rows line up.
    let mut codes: BTreeMap<&str, ()> = BTreeMap::new();
    let mut genders: BTreeMap<Gender, ()> = BTreeMap::new();
    let mut why: BTreeMap<&str, ()> = BTreeMap::new();
    for o in outcomes {
        for r in &o.refused {
            if let Got::Gap(code) = r.got {
                codes.insert(code, ());
                genders.insert(r.gender, ());
                for w in &r.reasons {
                    why.insert(w, ());
                }
            }
        }
    }
    for code in codes.keys() {
        row(&format!("  gap: {code}"), &|o| o.refused.iter().filter(|r| r.got == Got::Gap(code)).count().to_string());
    }
    for g in genders.keys() {
        row(&format!("  gap: {}", gender_label(*g)), &|o| {
            o.refused.iter().filter(|r| matches!(r.got, Got::Gap(_)) && r.gender == *g).count().to_string()
        });
    }
    for w in why.keys() {
        row(&format!("  gap, refused for {w}"), &|o| {
            o.refused.iter().filter(|r| matches!(r.got, Got::Gap(_)) && r.reasons.contains(w)).count().to_string()
        });
    }
    let days = 365;
    row("place-nights used", &|o| o.place_nights().to_string());
    row("  use of the places", &|o| pct(o.place_nights(), u64::from(o.places) * days));
    row("days waited for a place", &|o| o.days_waited().to_string());
    row("ordinary stay: rooms (beds)", &|o| format!("{} ({})", o.ordinary.rooms, o.ordinary.beds));
    row("  households placed", &|o| o.ordinary.households_placed.to_string());
    row("  days households waited", &|o| o.ordinary.days_waited.to_string());
    row("  referred, no room in time", &|o| o.ordinary.referred_no_room.to_string());
    row("  referred, no room fits", &|o| o.ordinary.referred_other.to_string());
    row("  bed-nights", &|o| o.ordinary.bed_nights.to_string());
    row("  households lost vs today", &|o| {
        let b = base.map_or(0, |b| b.ordinary.households_placed);
        (i64::try_from(b).unwrap_or(0) - i64::try_from(o.ordinary.households_placed).unwrap_or(0)).to_string()
    });
    row("yearly cost NOK", &|o| nok(o.cost_ore));
    row("  NOK per person offered", &|o| {
        u64::try_from(o.offered()).ok().filter(|n| *n > 0).map_or_else(|| "-".to_owned(), |n| nok(o.cost_ore / n))
    });
    Table { title: format!("Demand {}: the year under each model", factor.label()), header, rows }
}

/// Each owner's share of each model's cost, and per inhabitant.
pub(crate) fn shares(scenario: &Scenario, outcomes: &[Outcome]) -> Table {
    let models: Vec<&Outcome> = outcomes.iter().filter(|o| o.cost_ore > 0).collect();
    let mut header = vec!["population".to_owned()];
    for o in &models {
        header.push(format!("{} NOK", o.id));
        header.push("per inh.".to_owned());
    }
    let mut members: Vec<_> = scenario.owners.members.iter().collect();
    members.sort_by(|a, b| b.population.cmp(&a.population).then(a.name.cmp(&b.name)));
    let mut rows = Vec::new();
    for m in members {
        let mut cells = vec![m.population.to_string()];
        for o in &models {
            let share = o.shares.get(&m.municipality).copied().unwrap_or(0);
            cells.push(nok(share));
            cells.push(format!("{:.2}", share as f64 / 100.0 / m.population.max(1) as f64));
        }
        rows.push((m.name.clone(), cells));
    }
    let mut total = vec![scenario.owners.members.iter().map(|m| m.population).sum::<u64>().to_string()];
    for o in &models {
        total.push(nok(o.shares.values().sum()));
        total.push(String::new());
    }
    rows.push(("total".to_owned(), total));
    Table {
        title: format!(
            "Each owner's share at demand ×1 (the IKS key: {} % by population on {}, {} % by nights used)",
            scenario.owners.population_percent,
            scenario.owners.population_as_of,
            100 - u16::from(scenario.owners.population_percent.min(100))
        ),
        header,
        rows,
    }
}

/// Where each model runs out of places: demand ×0.5, ×1 and ×2 side by side.
pub(crate) fn sensitivity(all: &[(Factor, Vec<Outcome>)]) -> Table {
    let mut header = Vec::new();
    let mut rows: BTreeMap<usize, (String, Vec<String>)> = BTreeMap::new();
    for (factor, outcomes) in all {
        header.push(format!("{} offered/owed", factor.label()));
        header.push(format!("{} no place", factor.label()));
        header.push(format!("{} use", factor.label()));
        for (i, o) in outcomes.iter().enumerate() {
            let row = rows.entry(i).or_insert_with(|| (o.id.clone(), Vec::new()));
            row.1.push(format!("{}/{}", o.offered(), o.refused.len()));
            row.1.push(
                o.refused.iter().filter(|r| r.got == Got::Gap(crate::plan::NO_PLACE_IN_TIME)).count().to_string(),
            );
            row.1.push(pct(o.place_nights(), u64::from(o.places) * 365));
        }
    }
    Table {
        title: "Sensitivity: demand 50 % lower and 100 % higher".to_owned(),
        header,
        rows: rows.into_values().collect(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A grouped bar chart: per model, one bar per demand, offered (dark) and gap (light) stacked.
pub(crate) fn chart(title: &str, all: &[(Factor, Vec<Outcome>)]) -> String {
    const W: f64 = 900.0;
    const H: f64 = 400.0;
    const LEFT: f64 = 56.0;
    const TOP: f64 = 56.0;
    const BOTTOM: f64 = 70.0;
    let models = all.first().map_or(0, |(_, o)| o.len());
    let max = all.iter().flat_map(|(_, o)| o.iter().map(|o| o.refused.len())).max().unwrap_or(0).max(1);
    let step = [1usize, 2, 5, 10, 20, 25, 50, 100, 200, 500].into_iter().find(|s| max / s <= 8).unwrap_or(1000);
    let top = max.div_ceil(step) * step;
    let plot_h = H - TOP - BOTTOM;
    let group_w = (W - LEFT - 20.0) / models.max(1) as f64;
    let bar_w = group_w / (all.len() as f64 + 1.0);
    let y = |v: usize| TOP + plot_h - v as f64 / top as f64 * plot_h;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">
<title>{t}</title>
<rect x="0" y="0" width="{W}" height="{H}" fill="white"/>
<text x="{LEFT}" y="22" font-size="15" font-weight="bold">{t}</text>
<rect x="{LEFT}" y="32" width="12" height="12" fill="#1f5f8b"/><text x="{lx1}" y="42">offered an equal alternative</text>
<rect x="{lx2}" y="32" width="12" height="12" fill="#f0a35e"/><text x="{lx3}" y="42">left with a gap</text>"##,
        t = escape(title),
        lx1 = LEFT + 16.0,
        lx2 = LEFT + 220.0,
        lx3 = LEFT + 236.0,
    );
    let mut v = 0;
    while v <= top {
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{yy:.1}" x2="{x2}" y2="{yy:.1}" stroke="#ddd"/><text x="{tx}" y="{ty:.1}" text-anchor="end">{v}</text>"##,
            yy = y(v),
            x2 = W - 20.0,
            tx = LEFT - 6.0,
            ty = y(v) + 4.0,
        );
        v += step;
    }
    for m in 0..models {
        let gx = LEFT + group_w * m as f64;
        for (k, (factor, outcomes)) in all.iter().enumerate() {
            let Some(o) = outcomes.get(m) else { continue };
            let x = gx + bar_w * (k as f64 + 0.5);
            let (offered, total) = (o.offered(), o.refused.len());
            let _ = writeln!(
                s,
                r##"<rect x="{x:.1}" y="{y1:.1}" width="{bw:.1}" height="{h1:.1}" fill="#f0a35e"/><rect x="{x:.1}" y="{y2:.1}" width="{bw:.1}" height="{h2:.1}" fill="#1f5f8b"/><text x="{cx:.1}" y="{ly:.1}" text-anchor="middle" font-size="10">{f}</text>"##,
                y1 = y(total),
                bw = bar_w * 0.9,
                h1 = y(offered) - y(total),
                y2 = y(offered),
                h2 = y(0) - y(offered),
                cx = x + bar_w * 0.45,
                ly = y(0) + 12.0,
                f = factor.label(),
            );
            if k == 0 {
                let _ = writeln!(
                    s,
                    r#"<text x="{cx:.1}" y="{ly:.1}" text-anchor="middle">{name}</text>"#,
                    cx = gx + group_w / 2.0,
                    ly = y(0) + 32.0,
                    name = escape(&o.id),
                );
            }
        }
    }
    let _ = writeln!(
        s,
        r#"<text x="{LEFT}" y="{by}" font-size="11">people in the target group refused a stay, by demand (×0.5, ×1, ×2)</text>
</svg>"#,
        by = H - 12.0
    );
    s
}
