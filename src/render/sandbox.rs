//! What templates may not reach: the build's environment.
//!
//! Templates are the site author's code, but the build runs where deploy tokens live (a
//! CI job's environment). tera 1 has one built-in that reads outside the site, the
//! function `get_env`; it is replaced by one that always fails, and a template calling
//! it is an error at its line before anything renders. Everything else a template can
//! name resolves inside tera: `include`, `import` and `extends` look names up among the
//! templates loaded (never on disk, so `/etc/passwd` or `../x` is a missing template),
//! and `now`, `get_random` and the date filters are not built (no `builtins` feature).

use crate::diag::{Diagnostic, Pos};
use std::collections::HashMap;
use std::path::Path;
use tera::ast::{Expr, ExprVal, Node};

/// The tera built-ins that read the environment of the build.
const REFUSED: &[&str] = &["get_env"];

/// What a refused function says, in tera's error chain and in the diagnostic.
const WHY: &str = "шаблоны сайта не читают переменные окружения сборки: \
                   на сайт попали бы токены и пароли";

/// Replaces tera's `get_env` by a function that always fails.
pub fn register(tera: &mut tera::Tera) {
    for name in REFUSED {
        tera.register_function(name, refused);
    }
}

fn refused(_: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    Err(tera::Error::msg(WHY))
}

/// An error if template `name` (from `src`, text `text`) calls a refused function
/// anywhere, taken or not: at the first call in the text.
pub fn check(name: &str, src: &Path, text: &str, t: &tera::Template) -> Option<Diagnostic> {
    let mut roots: Vec<&Node> = t.ast.iter().collect();
    roots.extend(t.macros.values().flat_map(|m| &m.body));
    let found = calls(
        &roots,
        t.macros.values().flat_map(|m| m.args.values().flatten()),
    )?;
    let re = regex::Regex::new(&format!(r"\b{}\s*\(", regex::escape(found))).ok()?;
    let pos = re.find(text).map(|m| Pos::of_offset(text, m.start()));
    let mut d = Diagnostic::error(
        src,
        format!("шаблон «{name}» вызывает функцию {found}: {WHY}"),
    )
    .at_opt(pos)
    .hint("уберите вызов; значения для шаблонов задайте в metodist.toml или в полях страниц");
    if let Some(line) = pos.and_then(|p| text.lines().nth(p.line - 1)) {
        d = d.snippet(line.trim());
    }
    Some(d)
}

/// The first refused function called in `roots` or in `exprs`, walking with an explicit
/// stack (a template's nesting is the author's, not a recursion depth of ours).
fn calls<'a>(roots: &[&'a Node], exprs: impl Iterator<Item = &'a Expr>) -> Option<&'static str> {
    enum Item<'a> {
        Node(&'a Node),
        Expr(&'a Expr),
        Val(&'a ExprVal),
    }
    let mut stack: Vec<Item<'a>> = roots.iter().map(|n| Item::Node(n)).collect();
    stack.extend(exprs.map(Item::Expr));
    while let Some(item) = stack.pop() {
        match item {
            Item::Node(n) => match n {
                Node::VariableBlock(_, e) => stack.push(Item::Expr(e)),
                Node::Set(_, s) => stack.push(Item::Expr(&s.value)),
                Node::MacroDefinition(_, m, _) => {
                    stack.extend(m.body.iter().map(Item::Node));
                    stack.extend(m.args.values().flatten().map(Item::Expr));
                }
                Node::FilterSection(_, f, _) => {
                    stack.extend(f.filter.args.values().map(Item::Expr));
                    stack.extend(f.body.iter().map(Item::Node));
                }
                Node::Block(_, b, _) => stack.extend(b.body.iter().map(Item::Node)),
                Node::Forloop(_, f, _) => {
                    stack.push(Item::Expr(&f.container));
                    stack.extend(f.body.iter().map(Item::Node));
                    stack.extend(f.empty_body.iter().flatten().map(Item::Node));
                }
                Node::If(i, _) => {
                    for (_, cond, body) in &i.conditions {
                        stack.push(Item::Expr(cond));
                        stack.extend(body.iter().map(Item::Node));
                    }
                    stack.extend(i.otherwise.iter().flat_map(|(_, b)| b).map(Item::Node));
                }
                _ => {}
            },
            Item::Expr(e) => {
                stack.push(Item::Val(&e.val));
                for f in &e.filters {
                    stack.extend(f.args.values().map(Item::Expr));
                }
            }
            Item::Val(v) => match v {
                ExprVal::FunctionCall(f) => {
                    if let Some(name) = REFUSED.iter().find(|r| **r == f.name) {
                        return Some(name);
                    }
                    stack.extend(f.args.values().map(Item::Expr));
                }
                ExprVal::MacroCall(m) => stack.extend(m.args.values().map(Item::Expr)),
                ExprVal::Math(m) => {
                    stack.push(Item::Expr(&m.lhs));
                    stack.push(Item::Expr(&m.rhs));
                }
                ExprVal::Logic(l) => {
                    stack.push(Item::Expr(&l.lhs));
                    stack.push(Item::Expr(&l.rhs));
                }
                ExprVal::In(i) => {
                    stack.push(Item::Expr(&i.lhs));
                    stack.push(Item::Expr(&i.rhs));
                }
                ExprVal::Test(t) => stack.extend(t.args.iter().map(Item::Expr)),
                ExprVal::Array(items) => stack.extend(items.iter().map(Item::Expr)),
                ExprVal::StringConcat(s) => stack.extend(s.values.iter().map(Item::Val)),
                _ => {}
            },
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused_in(text: &str) -> Option<Diagnostic> {
        let t = tera::Template::new("x.html", None, text).unwrap();
        check("x.html", Path::new("templates/x.html"), text, &t)
    }

    #[test]
    fn every_place_a_call_can_hide_is_found() {
        for text in [
            "{{ get_env(name=\"DEPLOY_TOKEN\", default=\"none\") }}",
            "{% if page %}\n{% else %}{{ get_env(name=\"T\") }}{% endif %}",
            "{% set t = get_env(name=\"T\") %}",
            "{{ x | default(value=get_env(name=\"T\")) }}",
            "{{ \"a\" ~ get_env(name=\"T\") }}",
            "{% for c in [get_env(name=\"T\")] %}{{ c }}{% endfor %}",
            "{% macro m(a) %}{{ a }}{% endmacro m %}{{ self::m(a=get_env(name=\"T\")) }}",
            "{% macro m() %}{% filter upper %}{{ get_env(name=\"T\") }}{% endfilter %}{% endmacro m %}",
            "{% block b %}{% if get_env(name=\"T\") == \"x\" %}x{% endif %}{% endblock b %}",
            "{{ 1 + get_env(name=\"T\") | int }}",
        ] {
            let d = refused_in(text).unwrap_or_else(|| panic!("not found in {text}"));
            assert!(d.message.contains("get_env"), "{}", d.message);
            assert!(d.pos.is_some(), "{text}");
        }
        assert!(refused_in("{{ page.title }} {# get_env(name=\"T\") #}").is_none());
    }

    #[test]
    fn the_call_is_placed_at_its_line() {
        let d = refused_in("<p>\n  {{ get_env(name=\"DEPLOY_TOKEN\", default=\"none\") }}\n</p>")
            .unwrap();
        // «  {{ » is five characters: the call starts at column 6 of line 2.
        assert_eq!(d.pos, Some(Pos::new(2, 6)));
    }

    #[test]
    fn the_function_itself_never_reads_the_environment() {
        let mut tera = tera::Tera::default();
        register(&mut tera);
        tera.add_raw_template("t", "{{ get_env(name=\"PATH\", default=\"none\") }}")
            .unwrap();
        let e = tera.render("t", &tera::Context::new()).unwrap_err();
        let full = super::super::theme::chain(&e);
        assert!(full.contains(WHY), "{full}");
    }
}
