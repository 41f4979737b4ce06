//! The theme: templates embedded in the binary, overridden file by file by the site's
//! own `templates/` folder, and the theme's static files.
//!
//! Loading checks every template on its own, so one run reports every broken template
//! (syntax, a missing or circular parent, missing macro files or includes) at its line.
//! A broken template is replaced by the theme's own version of it, or by an empty one,
//! so the rest of the site still renders and its problems are reported in the same run.
//! Rendering is guarded against templates that call themselves without end (a recursive
//! macro or include): they are reported, never a stack overflow.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::load::SourceFile;
use crate::parse::Page;
use include_dir::{include_dir, Dir};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use tera::ast::{Expr, ExprVal, FunctionCall, Node, WS};

static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The function every macro body and every template starts with (see [`guard`]).
const GUARD_FN: &str = "__metodist_guard";
/// The marker of a guard failure in a tera error chain.
const GUARD_MARK: &str = "metodist: шаблон вызывает сам себя";
/// Rendering stops when less stack than this is left; one level of a macro or include
/// takes far less, so the guard always fires before the stack runs out.
const STACK_RESERVE: usize = 256 * 1024;

/// One template source: its name for tera, its text and the file it came from.
struct Source {
    name: String,
    text: String,
    src: PathBuf,
    /// The theme's own text when the site overrides a theme template.
    theme_text: Option<String>,
}

/// Compiles the theme's templates with the site's overrides; errors name the file and line.
///
/// `None` only when the templates cannot be rendered at all (every problem is reported).
pub fn load(overrides: &[SourceFile], diags: &mut Diagnostics) -> Option<tera::Tera> {
    let mut sources: Vec<Source> = Vec::new();
    if let Some(dir) = DEFAULT_THEME.get_dir("templates") {
        collect(dir, Path::new("templates"), &mut sources);
    }
    for f in overrides {
        let name = f
            .rel
            .strip_prefix("templates")
            .unwrap_or(&f.rel)
            .to_string_lossy()
            .replace('\\', "/");
        let theme_text = sources
            .iter()
            .position(|s| s.name == name)
            .map(|i| sources.remove(i).text);
        sources.push(Source {
            name,
            text: f.text.clone(),
            src: f.rel.clone(),
            theme_text,
        });
    }
    let texts = checked_texts(&sources, diags)?;
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // tera's default also escapes `/`, which turns every relative URL into `..&#x2F;`.
    tera.set_escape_fn(escape_html);
    super::filters::register(&mut tera);
    tera.register_function(GUARD_FN, guard);
    match tera.add_raw_templates(texts.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        Ok(()) => {
            instrument(&mut tera);
            Some(tera)
        }
        Err(e) => {
            let full = chain(&e);
            // tera names the file in its first message: `Failed to parse "base.html"`.
            let culprit = sources.iter().find(|s| {
                full.contains(&format!("\"{}\"", s.name)) || full.contains(&format!("'{}'", s.name))
            });
            diags.push(match culprit {
                Some(s) => template_error(&s.name, &s.src, &s.text, &e),
                None => Diagnostic::error("templates", format!("ошибка в шаблонах: {full}"))
                    .hint("проверьте имена шаблонов в {% extends %}, {% include %} и {% import %}"),
            });
            None
        }
    }
}

/// Parses every template on its own and checks what tera would only find one at a time
/// (or at render time): parents, macro files, includes. Returns the texts to compile,
/// broken ones replaced, or `None` if nothing sensible can be rendered.
fn checked_texts(sources: &[Source], diags: &mut Diagnostics) -> Option<Vec<(String, String)>> {
    let mut parsed: BTreeMap<&str, tera::Template> = BTreeMap::new();
    let mut broken: BTreeSet<&str> = BTreeSet::new();
    for s in sources {
        match tera::Template::new(&s.name, None, &s.text) {
            Ok(t) => {
                if let Some(d) = super::sandbox::check(&s.name, &s.src, &s.text, &t) {
                    diags.push(d);
                    broken.insert(&s.name);
                }
                parsed.insert(&s.name, t);
            }
            Err(e) => {
                diags.push(template_error(&s.name, &s.src, &s.text, &e));
                broken.insert(&s.name);
            }
        }
    }
    let by_name: HashMap<&str, &Source> = sources.iter().map(|s| (s.name.as_str(), s)).collect();
    let exists = |n: &str| by_name.contains_key(n);
    // Parents that do not exist, and parents that lead back to the child.
    let mut reported_cycles: BTreeSet<Vec<String>> = BTreeSet::new();
    for (name, t) in &parsed {
        let s = by_name[name];
        let Some(parent) = &t.parent else { continue };
        if !exists(parent) {
            diags.push(
                Diagnostic::error(
                    &s.src,
                    format!("шаблон «{name}» наследует несуществующий шаблон «{parent}»"),
                )
                .at_opt(tag_pos(&s.text, "extends", parent))
                .snippet(tag_line(&s.text, "extends", parent))
                .hint(format!(
                    "создайте templates/{parent} или исправьте имя в {{% extends %}}"
                )),
            );
            broken.insert(name);
            continue;
        }
        let mut chain = vec![name.to_string()];
        let mut at = parent.clone();
        while let Some(next) = parsed.get(at.as_str()) {
            if chain.contains(&at) {
                break;
            }
            chain.push(at.clone());
            match &next.parent {
                Some(p) => at = p.clone(),
                None => break,
            }
        }
        if at == *name && chain.len() > 1 {
            let mut key = chain.clone();
            key.sort();
            for n in &chain {
                broken.insert(by_name[n.as_str()].name.as_str());
            }
            if reported_cycles.insert(key) {
                let shown = format!("{} → {name}", chain.join(" → "));
                diags.push(
                    Diagnostic::error(
                        &s.src,
                        format!("шаблоны наследуют друг друга по кругу: {shown}"),
                    )
                    .at_opt(tag_pos(&s.text, "extends", parent))
                    .snippet(tag_line(&s.text, "extends", parent))
                    .hint("один из шаблонов в этой цепочке должен обходиться без {% extends %}"),
                );
            }
        }
    }
    // Macro files and includes that do not exist.
    for (name, t) in &parsed {
        let s = by_name[name];
        for (file, _) in &t.imported_macro_files {
            if !exists(file) {
                diags.push(
                    Diagnostic::error(
                        &s.src,
                        format!(
                            "шаблон «{name}» загружает макросы из несуществующего шаблона «{file}»"
                        ),
                    )
                    .at_opt(tag_pos(&s.text, "import", file))
                    .snippet(tag_line(&s.text, "import", file))
                    .hint(format!(
                        "создайте templates/{file} или исправьте имя в {{% import %}}"
                    )),
                );
                broken.insert(name);
            }
        }
        let mut includes = Vec::new();
        walk_includes(&t.ast, &mut includes);
        for (names, ignore_missing) in includes {
            if ignore_missing || names.iter().any(|n| exists(n)) {
                continue;
            }
            let first = names.first().map(String::as_str).unwrap_or_default();
            diags.push(
                Diagnostic::error(
                    &s.src,
                    format!("шаблон «{name}» включает несуществующий шаблон «{first}»"),
                )
                .at_opt(tag_pos(&s.text, "include", first))
                .snippet(tag_line(&s.text, "include", first))
                .hint(format!(
                    "создайте templates/{first} или исправьте имя в {{% include %}}"
                )),
            );
            broken.insert(name);
        }
    }
    // A broken template that others import macros from cannot be stood in for.
    let importers_of_broken = parsed.values().any(|t| {
        t.imported_macro_files
            .iter()
            .any(|(f, _)| broken.contains(f.as_str()) && by_name[f.as_str()].theme_text.is_none())
    });
    if importers_of_broken {
        return None;
    }
    Some(
        sources
            .iter()
            .map(|s| {
                let text = if broken.contains(s.name.as_str()) {
                    // The theme's own version if it is sound, else nothing.
                    s.theme_text
                        .as_ref()
                        .filter(|t| tera::Template::new(&s.name, None, t).is_ok())
                        .cloned()
                        .unwrap_or_default()
                } else {
                    s.text.clone()
                };
                (s.name.clone(), text)
            })
            .collect(),
    )
}

fn walk_includes<'a>(nodes: &'a [Node], out: &mut Vec<(&'a [String], bool)>) {
    for n in nodes {
        match n {
            Node::Include(_, names, ignore) => out.push((names, *ignore)),
            Node::MacroDefinition(_, m, _) => walk_includes(&m.body, out),
            Node::FilterSection(_, f, _) => walk_includes(&f.body, out),
            Node::Block(_, b, _) => walk_includes(&b.body, out),
            Node::Forloop(_, f, _) => {
                walk_includes(&f.body, out);
                if let Some(e) = &f.empty_body {
                    walk_includes(e, out);
                }
            }
            Node::If(i, _) => {
                for (_, _, body) in &i.conditions {
                    walk_includes(body, out);
                }
                if let Some((_, body)) = &i.otherwise {
                    walk_includes(body, out);
                }
            }
            _ => {}
        }
    }
}

/// The position of `{% <tag> "<name>"` in a template's text.
fn tag_pos(text: &str, tag: &str, name: &str) -> Option<Pos> {
    let re = regex::Regex::new(&format!(
        r#"\{{%-?\s*{tag}\s+["']{}["']"#,
        regex::escape(name)
    ))
    .ok()?;
    re.find(text).map(|m| Pos::of_offset(text, m.start()))
}

fn tag_line(text: &str, tag: &str, name: &str) -> String {
    tag_pos(text, tag, name)
        .and_then(|p| text.lines().nth(p.line - 1))
        .unwrap_or_default()
        .to_string()
}

/// Puts a call of [`guard`] at the start of every template (for includes) and of every
/// macro body. The nodes are added after parsing, so whitespace and positions are as
/// written.
fn instrument(tera: &mut tera::Tera) {
    for t in tera.templates.values_mut() {
        let name = t.name.clone();
        if !is_guard(t.ast.first()) {
            t.ast.insert(0, guard_node(&format!("шаблон «{name}»")));
        }
        for (m, def) in t.macros.iter_mut() {
            if !is_guard(def.body.first()) {
                def.body
                    .insert(0, guard_node(&format!("макрос «{m}» шаблона «{name}»")));
            }
        }
    }
}

fn guard_node(at: &str) -> Node {
    let mut args = HashMap::new();
    args.insert("at".to_string(), Expr::new(ExprVal::String(at.to_string())));
    Node::VariableBlock(
        WS::default(),
        Expr::new(ExprVal::FunctionCall(FunctionCall {
            name: GUARD_FN.to_string(),
            args,
        })),
    )
}

fn is_guard(node: Option<&Node>) -> bool {
    matches!(node, Some(Node::VariableBlock(_, Expr { val: ExprVal::FunctionCall(f), .. })) if f.name == GUARD_FN)
}

/// Fails the render when the stack is nearly used up: only a template that calls itself
/// (a macro or an include, directly or in a circle) gets this deep.
fn guard(args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    match stacker::remaining_stack() {
        Some(left) if left < STACK_RESERVE => {
            let at = args.get("at").and_then(|v| v.as_str()).unwrap_or("шаблон");
            Err(tera::Error::msg(format!("{GUARD_MARK}: {at}")))
        }
        _ => Ok(tera::Value::String(String::new())),
    }
}

/// Checks that the template each page names exists; a missing one is reported at the
/// page's `template:` line and stood in for by an empty one, so it is reported once.
pub fn check_page_templates(tera: &mut tera::Tera, pages: &[Page], diags: &mut Diagnostics) {
    let mut missing: BTreeSet<&str> = BTreeSet::new();
    for p in pages {
        let Some(name) = p.common.template.as_deref() else {
            continue;
        };
        if tera.get_template_names().any(|n| n == name) {
            continue;
        }
        let pos = p.locate_field("template", name);
        let mut d = Diagnostic::error(&p.src, format!("нет шаблона «{name}»"))
            .at_opt(pos)
            .hint("создайте файл в папке templates/ сайта или уберите поле template");
        if let Some(line) = pos.and_then(|pos| p.text.lines().nth(pos.line - 1)) {
            d = d.snippet(line);
        }
        diags.push(d);
        missing.insert(name);
    }
    for name in missing {
        if tera.add_raw_template(name, "").is_ok() {
            instrument(tera);
        }
    }
}

fn collect(dir: &Dir<'_>, prefix: &Path, out: &mut Vec<Source>) {
    for f in dir.files() {
        if let (Some(text), Ok(rel)) = (f.contents_utf8(), f.path().strip_prefix(prefix)) {
            out.push(Source {
                name: rel.to_string_lossy().replace('\\', "/"),
                text: text.to_string(),
                src: PathBuf::from("themes/default").join(f.path()),
                theme_text: None,
            });
        }
    }
    for d in dir.dirs() {
        collect(d, prefix, out);
    }
}

/// The whole chain of a tera error, joined.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

fn template_error(name: &str, src: &Path, text: &str, e: &tera::Error) -> Diagnostic {
    let full = chain(e);
    // tera reports syntax errors as ` --> line:col`.
    let pos = full.split("-->").nth(1).and_then(|rest| {
        let mut it = rest
            .trim()
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        Some(Pos::new(it.next()?.parse().ok()?, it.next()?.parse().ok()?))
    });
    let snippet = pos
        .and_then(|p| text.lines().nth(p.line.saturating_sub(1)))
        .unwrap_or_default();
    Diagnostic::error(src, format!("ошибка синтаксиса в шаблоне «{name}»"))
        .at_opt(pos)
        .snippet(snippet)
        .hint(format!(
            "проверьте парность {{% … %}} и {{{{ … }}}}; {}",
            super::errors::expected_in_russian(full.lines().last().unwrap_or_default())
        ))
}

/// A render failure of template `template` for `page`: a template that calls itself is
/// reported at the page; anything else at the failing template's file and line, in
/// Russian (`overrides` are the site's own templates, to find that line).
pub fn render_error(
    template: &str,
    page: Option<PathBuf>,
    e: &tera::Error,
    overrides: &[SourceFile],
) -> Diagnostic {
    let full = chain(e);
    let path = page
        .clone()
        .unwrap_or_else(|| PathBuf::from("templates").join(template));
    if let Some(i) = full.find(GUARD_MARK) {
        let at = full[i + GUARD_MARK.len()..]
            .trim_start_matches(':')
            .split(": ")
            .next()
            .unwrap_or_default()
            .trim();
        return Diagnostic::error(
            path,
            format!("шаблон «{template}» зациклился: {at} вызывает сам себя без конца"),
        )
        .hint("у рекурсивного макроса или {% include %} должно быть условие выхода; проверьте, что шаблон не включает сам себя");
    }
    // Only tera's own «Template 'x' not found»: a filter or function that is not found
    // inside an existing template is that template's error (see `errors`).
    if full.contains(&format!("Template '{template}' not found")) {
        return Diagnostic::error(path, format!("нет шаблона «{template}»"))
            .hint("создайте файл в папке templates/ сайта или уберите поле template");
    }
    super::errors::runtime(template, page.as_deref(), &full, |name| {
        super::errors::source(name, overrides, &DEFAULT_THEME)
    })
}

/// The theme's static files (CSS, scripts), to copy into the output.
pub fn static_files() -> Vec<(PathBuf, &'static [u8])> {
    let mut out = Vec::new();
    if let Some(dir) = DEFAULT_THEME.get_dir("static") {
        collect_bytes(dir, &mut out);
    }
    out
}

fn collect_bytes(dir: &Dir<'static>, out: &mut Vec<(PathBuf, &'static [u8])>) {
    for f in dir.files() {
        if let Ok(rel) = f.path().strip_prefix("static") {
            out.push((rel.to_path_buf(), f.contents()));
        }
    }
    for d in dir.dirs() {
        collect_bytes(d, out);
    }
}

/// Escapes what HTML needs escaped in text and quoted attributes, and nothing more.
pub(crate) fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_template(name: &str, text: &str) -> SourceFile {
        SourceFile {
            rel: PathBuf::from("templates").join(name),
            abs: PathBuf::from("/site/templates").join(name),
            text: text.to_string(),
            modified: None,
        }
    }

    fn render(tera: &tera::Tera, name: &str) -> tera::Result<String> {
        tera.render(name, &tera::Context::new())
    }

    #[test]
    fn a_recursive_macro_that_ends_still_works() {
        let mut diags = Diagnostics::new();
        let tera = load(
            &[site_template(
                "tree.html",
                "{% macro down(n) %}{{ n }}{% if n > 0 %} {{ self::down(n=n-1) }}{% endif %}{% endmacro down %}{{ self::down(n=30) }}",
            )],
            &mut diags,
        )
        .expect("templates load");
        assert!(diags.is_empty(), "{}", diags.report());
        let out = render(&tera, "tree.html").unwrap();
        assert!(
            out.starts_with("30 29 28") && out.ends_with(" 1 0"),
            "{out}"
        );
    }

    #[test]
    fn endless_recursion_is_an_error_not_a_stack_overflow() {
        let mut diags = Diagnostics::new();
        let tera = load(
            &[
                site_template(
                    "loop.html",
                    "{% macro up(n) %}{{ self::up(n=n+1) }}{% endmacro up %}{{ self::up(n=1) }}",
                ),
                site_template("self.html", "<div>{% include \"self.html\" %}</div>"),
            ],
            &mut diags,
        )
        .expect("templates load");
        for name in ["loop.html", "self.html"] {
            // A small stack, like a worker thread's.
            let tera = &tera;
            let err = std::thread::scope(|s| {
                std::thread::Builder::new()
                    .stack_size(2 << 20)
                    .spawn_scoped(s, move || render(tera, name))
                    .unwrap()
                    .join()
                    .unwrap()
            })
            .expect_err("must fail");
            let d = render_error(name, Some(PathBuf::from("content/a.md")), &err, &[]);
            assert!(d.message.contains("зациклился"), "{}", d.message);
        }
    }

    #[test]
    fn every_broken_template_is_reported_and_replaced() {
        let mut diags = Diagnostics::new();
        let tera = load(
            &[
                site_template("a.html", "{{ x }</p>"),
                site_template("b.html", "{% if %}"),
                site_template("c.html", "{% extends \"nety.html\" %}"),
                // A broken override of a theme template falls back to the theme's.
                site_template("404.html", "{% block %}"),
            ],
            &mut diags,
        )
        .expect("the sound templates still load");
        let paths: Vec<String> = diags
            .items()
            .iter()
            .map(|d| d.path.display().to_string())
            .collect();
        assert_eq!(
            paths,
            [
                "templates/a.html",
                "templates/b.html",
                "templates/404.html",
                "templates/c.html"
            ]
        );
        assert!(tera.get_template_names().any(|n| n == "404.html"));
        assert_eq!(render(&tera, "a.html").unwrap(), "");
    }
}
