//! How long the lists of one page's front matter may be.
//!
//! Every later stage keeps several copies of each list item (the typed struct, the view
//! templates see, the open-data files, the render context tera builds for each page
//! that shows it), each a tree of small allocations: an indicator of 100 bytes of YAML
//! costs about 50 KB of memory by the time its page is rendered. A page of 30,000
//! indicators (3 MB) took 1.5 GB; of 20,000 tags, minutes (a page per tag, each listing
//! every tag). Lists are therefore cut on parsing, before any of those copies exist, and
//! the cut is an error at the field naming the count.

use serde_yaml_ng::Value as Yaml;

/// Items of one list: indicators, activities, meetings, schools, materials, winners…
/// As many as an indicator table may have rows: a report has dozens, a regional
/// framework under two hundred, a district's plan a few hundred activities.
pub const MAX_ITEMS: usize = 1_000;

/// Terms of one page in `tags`, `subject` or `level`: every term is a page of its own
/// listing the pages that carry it.
pub const MAX_TERMS: usize = 50;

/// List items of one front matter together (lists inside list items count too).
pub const MAX_TOTAL: usize = 10_000;

/// Bytes of one front matter read into a tree: 10,000 list items of a hundred bytes
/// each, twice over. Parsing holds about 40 bytes per byte of YAML, so a larger front
/// matter is not parsed: its long lists are counted as the text streams past.
pub const MAX_FRONT_BYTES: usize = 2 * 1024 * 1024;

/// A list cut to its limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overflow {
    /// The list's path, as `spans` writes it: `indicators`, `activities[3].schools`.
    pub path: String,
    /// Its items as written.
    pub count: usize,
    /// What was kept.
    pub limit: usize,
    /// Cut because the page's lists together reached [`MAX_TOTAL`].
    pub total: bool,
}

/// The limit of the list at `path`.
fn limit_of(path: &str) -> usize {
    match path {
        "tags" | "subject" | "level" => MAX_TERMS,
        _ => MAX_ITEMS,
    }
}

/// Keeps of one list what its limit and the page's remaining `budget` allow. Once the
/// budget is spent, later lists are emptied without a report of their own: the first
/// list past the total says what to do.
fn keep(path: &str, count: usize, budget: &mut usize) -> (usize, Option<Overflow>) {
    let limit = limit_of(path);
    let spent = *budget == 0;
    let kept = count.min(limit).min(*budget);
    *budget -= kept;
    let overflow = (kept < count && !(spent && count <= limit)).then(|| Overflow {
        path: path.to_string(),
        count,
        limit: kept,
        total: count <= limit,
    });
    (kept, overflow)
}

/// Cuts every list of a YAML front matter to its limit; what was cut, in document order.
pub fn cap_yaml(root: &mut Yaml) -> Vec<Overflow> {
    let mut out = Vec::new();
    let mut budget = MAX_TOTAL;
    // An explicit stack: the input never decides the depth of a recursion. Children go
    // on in reverse, so lists are met (and the budget spent) in document order.
    let mut stack: Vec<(String, &mut Yaml)> = vec![(String::new(), root)];
    while let Some((path, value)) = stack.pop() {
        match value {
            Yaml::Sequence(items) => {
                let (kept, overflow) = keep(&path, items.len(), &mut budget);
                items.truncate(kept);
                out.extend(overflow);
                for (i, item) in items.iter_mut().enumerate().rev() {
                    stack.push((format!("{path}[{i}]"), item));
                }
            }
            Yaml::Mapping(map) => {
                let mut children: Vec<(String, &mut Yaml)> = map
                    .iter_mut()
                    .filter_map(|(k, v)| Some((super::spans::child_key(&path, k.as_str()?), v)))
                    .collect();
                children.reverse();
                stack.extend(children);
            }
            Yaml::Tagged(t) => stack.push((path, &mut t.value)),
            _ => {}
        }
    }
    out
}

/// Cuts every array of a TOML front matter to its limit; what was cut, in document order
/// of the table's keys.
pub fn cap_toml(root: &mut toml::Table) -> Vec<Overflow> {
    let mut out = Vec::new();
    let mut budget = MAX_TOTAL;
    let mut stack: Vec<(String, &mut toml::Value)> = root
        .iter_mut()
        .map(|(k, v)| (super::spans::child_key("", k), v))
        .rev()
        .collect();
    while let Some((path, value)) = stack.pop() {
        match value {
            toml::Value::Array(items) => {
                let (kept, overflow) = keep(&path, items.len(), &mut budget);
                items.truncate(kept);
                out.extend(overflow);
                for (i, item) in items.iter_mut().enumerate().rev() {
                    stack.push((format!("{path}[{i}]"), item));
                }
            }
            toml::Value::Table(t) => {
                let mut children: Vec<(String, &mut toml::Value)> = t
                    .iter_mut()
                    .map(|(k, v)| (super::spans::child_key(&path, k), v))
                    .collect();
                children.reverse();
                stack.extend(children);
            }
            _ => {}
        }
    }
    out
}

/// The top-level lists of a YAML text longer than their limit, counted from the
/// parser's events without building the tree: (list, line, column from 1 of its key).
/// Empty if the text does not parse (the parser's error is reported on its own).
pub fn count_yaml(text: &str) -> Vec<(Overflow, usize, usize)> {
    use saphyr_parser::{Event, Parser};
    let mut out = Vec::new();
    // Depth 1 is the root mapping; `key` waits for its value; `list` is counted.
    let mut depth = 0usize;
    let mut key: Option<(String, usize, usize)> = None;
    let mut list: Option<((String, usize, usize), usize)> = None;
    for event in Parser::new_from_str(text) {
        let Ok((ev, span)) = event else {
            return Vec::new();
        };
        let starts = matches!(
            ev,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        );
        if depth == 2 && starts {
            if let Some((_, n)) = &mut list {
                *n += 1;
            }
        }
        match ev {
            // A key, or the value of the key read before it.
            Event::Scalar(text, ..) if depth == 1 => {
                key = match key {
                    None => Some((text.into_owned(), span.start.line(), span.start.col() + 1)),
                    Some(_) => None,
                }
            }
            Event::Alias(_) if depth == 1 => key = None,
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if depth == 1 {
                    let is_list = matches!(ev, Event::SequenceStart(..));
                    match key.take() {
                        Some(k) if is_list => list = Some((k, 0)),
                        // A collection as a key: its value follows.
                        None => key = Some(("?".to_string(), 0, 0)),
                        Some(_) => {}
                    }
                }
                depth += 1;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    if let Some(((name, line, col), count)) = list.take() {
                        let mut budget = usize::MAX;
                        if let (_, Some(o)) = keep(&name, count, &mut budget) {
                            out.push((o, line, col));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The message and hint of a cut list.
pub fn describe(o: &Overflow) -> (String, String) {
    let n = crate::ru::grouped(o.count);
    if o.total {
        return (
            format!(
                "в списке «{}» {n} {}, а во всех списках страницы вместе допустимо не более {} элементов",
                o.path,
                crate::ru::plural(o.count as u64, "элемент", "элемента", "элементов"),
                crate::ru::grouped(MAX_TOTAL)
            ),
            "это не страница, а выгрузка: разделите её на несколько страниц".to_string(),
        );
    }
    let limit = crate::ru::grouped(limit_of(&o.path));
    let hint = match o.path.as_str() {
        "tags" | "subject" | "level" => {
            "оставьте главные: каждая метка — отдельная страница со списком страниц".to_string()
        }
        "indicators" => {
            "разделите показатели между страницами; таблицу показателей можно приложить файлом (indicators_file), в нём тоже не более 1 000 строк".to_string()
        }
        _ => "это не страница, а выгрузка: разделите её на несколько страниц".to_string(),
    };
    (
        format!(
            "в списке «{}» {n} {}, допустимо не более {limit}",
            o.path,
            crate::ru::plural(o.count as u64, "элемент", "элемента", "элементов")
        ),
        hint,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> (Yaml, Vec<Overflow>) {
        let mut v: Yaml = serde_yaml_ng::from_str(text).unwrap();
        let o = cap_yaml(&mut v);
        (v, o)
    }

    #[test]
    fn long_lists_are_cut_and_named() {
        let tags: Vec<String> = (0..60).map(|i| format!("t{i}")).collect();
        let (v, o) = yaml(&format!(
            "tags: [{}]\nindicators:\n{}",
            tags.join(", "),
            "  - id: x\n".repeat(1_001)
        ));
        assert_eq!(
            o,
            [
                Overflow {
                    path: "tags".into(),
                    count: 60,
                    limit: 50,
                    total: false
                },
                Overflow {
                    path: "indicators".into(),
                    count: 1_001,
                    limit: 1_000,
                    total: false
                },
            ]
        );
        assert_eq!(v["tags"].as_sequence().unwrap().len(), 50);
        assert_eq!(v["indicators"].as_sequence().unwrap().len(), 1_000);
        let (message, _) = describe(&o[1]);
        assert_eq!(
            message,
            "в списке «indicators» 1\u{a0}001 элемент, допустимо не более 1\u{a0}000"
        );
    }

    #[test]
    fn lists_inside_items_count_toward_the_page() {
        // 11 activities of 999 schools: each list is short, together they are not.
        let schools = vec!["a"; 999].join(", ");
        let text: String = (0..11)
            .map(|i| format!("  - n: {i}\n    schools: [{schools}]\n"))
            .collect();
        let (v, o) = yaml(&format!("activities:\n{text}"));
        // 10,000 − 11 activities − 9 × 999 schools = 998 left for the tenth list; the
        // eleventh is emptied without a report of its own.
        assert_eq!(o.len(), 1, "{o:?}");
        assert_eq!(
            (o[0].path.as_str(), o[0].limit),
            ("activities[9].schools", 998)
        );
        assert!(o[0].total);
        assert_eq!(
            v["activities"][9]["schools"].as_sequence().unwrap().len(),
            998
        );
        assert!(v["activities"][10]["schools"]
            .as_sequence()
            .unwrap()
            .is_empty());
        assert_eq!(v["activities"].as_sequence().unwrap().len(), 11);
    }

    #[test]
    fn lists_of_a_text_too_big_to_parse_are_counted_from_its_events() {
        let text = format!(
            "kind: report\n? [a]\n: 1\ntags: [{}]\nindicators:\n{}notes: [x]\n",
            vec!["t"; 51].join(", "),
            "  - id: x\n    name: [a, b]\n".repeat(1_200)
        );
        let found: Vec<(String, usize, usize, usize)> = count_yaml(&text)
            .into_iter()
            .map(|(o, l, c)| (o.path, o.count, l, c))
            .collect();
        assert_eq!(
            found,
            [
                ("tags".to_string(), 51, 4, 1),
                ("indicators".to_string(), 1_200, 5, 1)
            ]
        );
    }

    #[test]
    fn toml_arrays_are_cut_too() {
        let mut t: toml::Table = toml::from_str(&format!(
            "title = \"x\"\n[[meetings]]\nschools = [{}]\n",
            vec!["\"a\""; 1_500].join(",")
        ))
        .unwrap();
        let o = cap_toml(&mut t);
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].path, "meetings[0].schools");
        assert_eq!(o[0].count, 1_500);
    }
}
