//! The text of the summaries on standard output: the published report as a short table, and
//! the small formatters the summaries share.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use krisesenter::stats::Publication;

/// Municipality names by number (`"3205"` → `"Lillestrøm"`), for labels; a number without a
/// name is shown as the number.
pub type Names<'a> = BTreeMap<String, &'a str>;

/// `a 3 · b 2 · c 1`, largest first, ties by name; `-` when there is nothing.
///
/// ```
/// assert_eq!(krisesenter_sim::text::tally(["b", "a", "b"]), "b 2 · a 1");
/// assert_eq!(krisesenter_sim::text::tally([]), "-");
/// ```
pub fn tally<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for item in items {
        *counts.entry(item).or_insert(0) += 1;
    }
    let mut list: Vec<(&str, usize)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let parts: Vec<String> = list.iter().map(|(k, n)| format!("{k} {n}")).collect();
    if parts.is_empty() { "-".to_owned() } else { parts.join(" · ") }
}

/// `prefix` then `text` (items separated by " · "), wrapped to lines of at most 100 characters,
/// the following lines indented by 14.
pub fn wrapped(prefix: &str, text: &str) -> String {
    const WIDTH: usize = 100;
    const INDENT: usize = 14;
    let mut out = String::from(prefix);
    let mut used = prefix.chars().count();
    for (i, item) in text.split(" · ").enumerate() {
        let len = item.chars().count();
        if i > 0 && used + 3 + len > WIDTH {
            out.push('\n');
            out.push_str(&" ".repeat(INDENT));
            used = INDENT;
        } else if i > 0 {
            out.push_str(" · ");
            used += 3;
        }
        out.push_str(item);
        used += len;
    }
    out
}

/// Whole kroner of `ore`, the thousands grouped by spaces.
///
/// ```
/// assert_eq!(krisesenter_sim::text::nok(2_500_000_000), "25 000 000");
/// ```
pub fn nok(ore: u64) -> String {
    group(ore / 100)
}

/// `n` with its thousands grouped by spaces (`2 715`).
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    grouped
}

/// The published report of `year` as the summaries print it: people and stays by gender, the
/// nights, the lengths of stay, the maps (violence, relation, after the stay, municipalities
/// by name from `names`), repeat stays and the day service. Hidden cells print as `:`.
pub fn published_summary(s: &mut String, year: i32, published: &Publication, names: &Names<'_>) {
    let rows: BTreeMap<String, String> = published.rows().into_iter().collect();
    let get = |path: &str| rows.get(path).cloned().unwrap_or_else(|| "0".to_owned());
    let prefixed = |prefix: &str| -> String {
        let items: Vec<String> =
            rows.iter().filter_map(|(k, v)| k.strip_prefix(prefix).map(|rest| format!("{rest} {v}"))).collect();
        items.join(" · ")
    };
    let _ = writeln!(
        s,
        "\nPublished report {year} (threshold {}: {} cells shown as `:` so that nobody can be recognised)",
        published.threshold(),
        published.suppressed().len()
    );
    let _ = writeln!(
        s,
        "  {:<12}{:>7}{:>7}{:>7}{:>7}{:>9}{:>10}",
        "", "total", "women", "men", "other", "unknown", "children"
    );
    for what in ["stays", "residents"] {
        let _ = writeln!(
            s,
            "  {:<12}{:>7}{:>7}{:>7}{:>7}{:>9}{:>10}",
            what,
            get(&format!("{what}.total")),
            get(&format!("{what}.adults.female")),
            get(&format!("{what}.adults.male")),
            get(&format!("{what}.adults.other")),
            get(&format!("{what}.adults.unknown")),
            get(&format!("{what}.children")),
        );
    }
    let rate = published.figures().occupancy_rate().map_or_else(|| ":".to_owned(), |r| format!("{:.1} %", r * 100.0));
    let _ = writeln!(
        s,
        "  nights      {} (adults {}, children {}), {rate} of beds; opted out of statistics: {}",
        get("nights.total"),
        get("nights.adults"),
        get("nights.children"),
        get("excluded_opt_out"),
    );
    let _ = writeln!(
        s,
        "  length      {} completed, median {} days, mean {}; 1-7: {} · 8-30: {} · 31-90: {} · 91+: {}",
        get("length_of_stay.completed"),
        get("length_of_stay.median_days"),
        get("length_of_stay.mean_days"),
        get("length_of_stay.buckets.1-7"),
        get("length_of_stay.buckets.8-30"),
        get("length_of_stay.buckets.31-90"),
        get("length_of_stay.buckets.91+"),
    );
    let municipalities: Vec<String> = rows
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("municipalities.").map(|m| (m, v)))
        .map(|(m, v)| format!("{} {v}", names.get(m).copied().unwrap_or(m)))
        .collect();
    for (label, text) in [
        ("violence", prefixed("violence_types.")),
        ("relation", prefixed("relations.")),
        ("after stay", prefixed("after_stay.")),
        ("from", municipalities.join(" · ")),
    ] {
        let _ = writeln!(s, "{}", wrapped(&format!("  {label:<12}"), &text));
    }
    let _ = writeln!(s, "  repeat      {} adult stays by people who had stayed before", get("repeat_stays"));
    let _ = writeln!(
        s,
        "  day service {} contacts: in person {} · phone {} · outreach {} · with interpreter {}",
        get("day_contacts.total"),
        get("day_contacts.in_person"),
        get("day_contacts.phone"),
        get("day_contacts.outreach"),
        get("day_contacts.with_interpreter"),
    );
}
