//! The theme: templates embedded in the binary, overridden file by file by the site's
//! own `templates/` folder, and the theme's static files.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::load::SourceFile;
use include_dir::{include_dir, Dir};
use std::path::{Path, PathBuf};

static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Compiles the theme's templates with the site's overrides; errors name the file and line.
pub fn load(overrides: &[SourceFile], diags: &mut Diagnostics) -> Option<tera::Tera> {
    let mut templates: Vec<(String, String, PathBuf)> = Vec::new();
    if let Some(dir) = DEFAULT_THEME.get_dir("templates") {
        collect(dir, Path::new("templates"), &mut templates);
    }
    for f in overrides {
        let name = f
            .rel
            .strip_prefix("templates")
            .unwrap_or(&f.rel)
            .to_string_lossy()
            .replace('\\', "/");
        templates.retain(|(n, _, _)| *n != name);
        templates.push((name, f.text.clone(), f.rel.clone()));
    }
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // tera's default also escapes `/`, which turns every relative URL into `..&#x2F;`.
    tera.set_escape_fn(escape_html);
    super::filters::register(&mut tera);
    let refs: Vec<(&str, &str)> = templates
        .iter()
        .map(|(n, t, _)| (n.as_str(), t.as_str()))
        .collect();
    match tera.add_raw_templates(refs) {
        Ok(()) => Some(tera),
        Err(e) => {
            let full = chain(&e);
            // tera names the file in its first message: `Failed to parse "base.html"`.
            let culprit = templates.iter().find(|(n, _, _)| {
                full.contains(&format!("\"{n}\"")) || full.contains(&format!("'{n}'"))
            });
            diags.push(match culprit {
                Some((name, text, src)) => template_error(name, src, text, &e),
                None => Diagnostic::error("templates", format!("ошибка в шаблонах: {full}"))
                    .hint("проверьте имена шаблонов в {% extends %}, {% include %} и {% import %}"),
            });
            None
        }
    }
}

fn collect(dir: &Dir<'_>, prefix: &Path, out: &mut Vec<(String, String, PathBuf)>) {
    for f in dir.files() {
        if let (Some(text), Ok(rel)) = (f.contents_utf8(), f.path().strip_prefix(prefix)) {
            let name = rel.to_string_lossy().replace('\\', "/");
            out.push((
                name,
                text.to_string(),
                PathBuf::from("themes/default").join(f.path()),
            ));
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
            "проверьте парность {{% … %}} и {{{{ … }}}}; сообщение tera: {}",
            full.lines().last().unwrap_or_default().trim()
        ))
}

/// A render failure, attributed to the page and the template.
pub fn render_error(template: &str, page: Option<PathBuf>, e: &tera::Error) -> Diagnostic {
    let full = chain(e);
    let path = page.unwrap_or_else(|| PathBuf::from("templates").join(template));
    if full.contains("not found") && full.contains(template) && !full.contains("Variable") {
        return Diagnostic::error(path, format!("нет шаблона «{template}»"))
            .hint("создайте файл в папке templates/ сайта или уберите поле template");
    }
    Diagnostic::error(
        path,
        format!("ошибка при заполнении шаблона «{template}»: {full}"),
    )
    .hint("проверьте имена переменных в шаблоне; поля страницы доступны как page.<поле>")
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
fn escape_html(input: &str) -> String {
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
