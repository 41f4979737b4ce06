//! Skeletons for `metodist new` and the JSON Schema for `metodist schema`.

use super::{
    Common, Competition, Event, Kind, Plan, Practice, Programme, Regulation, Report, Rmo, Roadmap,
};
use chrono::NaiveDate;
use serde_json::{json, Map, Value};

/// The folder under `content/` where pages of `kind` live by default.
pub fn section_dir(kind: Kind) -> &'static str {
    match kind {
        Kind::Report => "reports",
        Kind::Plan => "plans",
        Kind::Roadmap => "roadmaps",
        Kind::Programme => "programmes",
        Kind::Regulation => "regulations",
        Kind::Rmo => "rmo",
        Kind::Competition => "competitions",
        Kind::Practice => "practices",
        Kind::Event => "events",
        Kind::Page => "pages",
        Kind::News => "news",
    }
}

/// A new page's text: front matter with the fields a methodist fills for this kind.
pub fn skeleton(kind: Kind, title: &str, today: NaiveDate) -> String {
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    let mut s = format!(
        "---\nkind: {}\ntitle: \"{title}\"\ndate: {today}\n",
        kind.as_str()
    );
    let extra = match kind {
        Kind::Report => "district: \nyear: \nas_of: \nplan: \napproved:\n  doc: приказ\n  number: \"\"\n  date: \n  signed_by: \"\"\nindicators: []\nactivities: []\n",
        Kind::Plan => "district: \nyear: \napproved:\n  doc: приказ\n  number: \"\"\n  date: \nindicators: []\nactivities: []\n",
        Kind::Roadmap => "district: \nyear: \nschools: []\nactivities: []\n",
        Kind::Programme => "district: \nyears: []\nstages: []\nactivities: []\n",
        Kind::Regulation => "region: \napproved:\n  doc: распоряжение\n  number: \"\"\n  date: \nframework: \n",
        Kind::Rmo => "district: \nsubject: \nleader: \nschools: []\n",
        Kind::Competition => "district: \nscope: municipal\norganiser: \nnominations: []\n",
        Kind::Practice => "district: \nauthors: []\norganisation: \nlevel: []\nsubject: \nform: \nyear: \nsource_event: \n",
        Kind::Event => "district: \nplace: \norganiser: \nformat: \n",
        Kind::Page | Kind::News => "",
    };
    s.push_str(extra);
    s.push_str("summary: \"\"\ntags: []\n---\n\nТекст страницы.\n");
    s
}

fn properties(schema: &schemars::Schema) -> Map<String, Value> {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// One schema for every kind: `kind` selects the allowed fields (`if`/`then` per kind).
pub fn front_matter_schema() -> Value {
    let common = schemars::schema_for!(Common);
    let mut defs = Map::new();
    let mut collect_defs = |s: &schemars::Schema| {
        if let Some(d) = s.get("$defs").and_then(Value::as_object) {
            defs.extend(d.clone());
        }
    };
    collect_defs(&common);
    let specific: Vec<(Kind, schemars::Schema)> = vec![
        (Kind::Report, schemars::schema_for!(Report)),
        (Kind::Plan, schemars::schema_for!(Plan)),
        (Kind::Roadmap, schemars::schema_for!(Roadmap)),
        (Kind::Programme, schemars::schema_for!(Programme)),
        (Kind::Regulation, schemars::schema_for!(Regulation)),
        (Kind::Rmo, schemars::schema_for!(Rmo)),
        (Kind::Competition, schemars::schema_for!(Competition)),
        (Kind::Practice, schemars::schema_for!(Practice)),
        (Kind::Event, schemars::schema_for!(Event)),
    ];
    let mut branches = Vec::new();
    for kind in Kind::ALL {
        let mut props = properties(&common);
        if let Some((_, s)) = specific.iter().find(|(k, _)| *k == kind) {
            collect_defs(s);
            props.extend(properties(s));
        }
        branches.push(json!({
            "if": { "properties": { "kind": { "const": kind.as_str() } } },
            "then": { "properties": props, "additionalProperties": false }
        }));
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Заголовок страницы metodist",
        "type": "object",
        "required": ["kind", "title"],
        "properties": { "kind": { "enum": Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>() } },
        "allOf": branches,
        "$defs": defs,
    })
}
