//! The page: YAML front matter (only the fields the kind allows) and a Markdown body.

use std::fmt::Write as _;

use serde::Serialize;

use super::outline::Node;
use super::tables::{CleanTable, TRow};
use crate::activity::ActivityInput;
use crate::indicator::IndicatorInput;
use crate::model::{Act, Date, Group, Kind};

/// Front matter of an imported page, fields in the order a methodist reads them.
#[derive(Debug, Clone, Serialize)]
pub struct Front {
    /// Kind.
    pub kind: &'static str,
    /// Title.
    pub title: String,
    /// Date of the approving act.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// District id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Region id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Source file.
    pub source: String,
    /// Reports: values as of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// Programmes: first and last year.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub years: Vec<i32>,
    /// Approving act.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved: Option<Act>,
    /// Issuing body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Indicator groups.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indicator_groups: Vec<Group>,
    /// Indicators.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorInput>,
    /// Activities.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<ActivityInput>,
}

impl Front {
    /// Drops fields the kind does not have (the site rejects unknown fields).
    pub fn for_kind(mut self, kind: Kind) -> Front {
        if kind != Kind::Report {
            self.as_of = None;
        }
        if kind != Kind::Programme {
            self.years.clear();
        }
        self
    }
}

/// The whole page text.
pub fn page(front: &Front, body: &[Node]) -> String {
    let yaml =
        serde_yaml_ng::to_string(front).unwrap_or_else(|e| format!("# ошибка записи YAML: {e}\n"));
    let mut s = String::with_capacity(yaml.len() + 4096);
    s.push_str("---\n");
    s.push_str(&yaml);
    s.push_str("---\n");
    s.push_str(&markdown(body));
    s
}

fn escape_start(text: &str) -> String {
    let t = text.trim();
    match t.chars().next() {
        Some('#' | '>' | '+' | '=' | '|') => format!("\\{t}"),
        Some('-' | '*') if t.chars().nth(1).is_some_and(char::is_whitespace) => format!("\\{t}"),
        _ => t.to_string(),
    }
}

/// The body in Markdown.
pub fn markdown(nodes: &[Node]) -> String {
    let mut s = String::new();
    let mut in_list = false;
    for node in nodes {
        let is_item = matches!(node, Node::ListItem { .. });
        if in_list && !is_item {
            s.push('\n');
        }
        match node {
            Node::Heading { level, text, .. } => {
                let _ = writeln!(s, "\n{} {}\n", "#".repeat(usize::from(*level)), text.trim());
            }
            Node::Paragraph { text, .. } => {
                let _ = writeln!(s, "{}\n", escape_start(text));
            }
            Node::Numbered { number, text, .. } => {
                let n = number.trim_end_matches('.');
                let _ = writeln!(s, "{n}\\. {}\n", text.trim());
            }
            Node::ListItem {
                depth,
                marker,
                text,
                ..
            } => {
                let indent = "  ".repeat(usize::from(*depth));
                let marker = marker
                    .as_deref()
                    .map(|m| format!("{m} "))
                    .unwrap_or_default();
                let _ = writeln!(s, "{indent}- {marker}{}", text.trim());
            }
            Node::Table(t) => s.push_str(&table(t)),
        }
        in_list = is_item;
    }
    let mut out = s.trim().to_string();
    out.push('\n');
    out
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('\n', " ")
        .trim()
        .to_string()
}

/// A table as a GFM table; section rows span the first cell.
pub fn table(t: &CleanTable) -> String {
    let width = t
        .rows
        .iter()
        .map(|r| match r {
            TRow::Data { cells, .. } => cells.len(),
            TRow::Section { .. } => 1,
        })
        .chain(std::iter::once(t.header.len()))
        .max()
        .unwrap_or(1)
        .max(1);
    let mut s = String::from("\n");
    let header: Vec<String> = (0..width)
        .map(|i| t.header.get(i).map(|h| cell(h)).unwrap_or_default())
        .collect();
    let _ = writeln!(s, "| {} |", header.join(" | "));
    let _ = writeln!(s, "|{}|", vec!["---"; width].join("|"));
    for r in &t.rows {
        let cells: Vec<String> = match r {
            TRow::Data { cells, .. } => (0..width)
                .map(|i| cells.get(i).map(|c| cell(c)).unwrap_or_default())
                .collect(),
            TRow::Section { number, text, .. } => {
                let first = match number {
                    Some(n) => format!("**{} {}**", cell(n), cell(text)),
                    None => format!("**{}**", cell(text)),
                };
                std::iter::once(first)
                    .chain(std::iter::repeat_n(String::new(), width - 1))
                    .collect()
            }
        };
        let _ = writeln!(s, "| {} |", cells.join(" | "));
    }
    s.push('\n');
    s
}
