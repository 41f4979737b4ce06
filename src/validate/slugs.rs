//! Slugs that become folder names: taxonomy terms and page URLs.
//!
//! Two different terms whose slugs meet would be published as one page (the later
//! overwrote the earlier: «C++», «C#» and «c» all became «c»); a slug longer than a
//! file name may be failed the build with an error of the operating system naming the
//! output folder. Both are reported at their source instead.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::parse::{Page, Section};
use std::collections::HashMap;

/// The longest URL segment (a folder of the output) metodist writes, in bytes. A file
/// name may have 255 bytes on Linux and macOS; the temporary names of the writer add
/// their own, and a site copied to Windows has 260 characters for the whole path.
pub const MAX_SLUG: usize = 100;

/// A taxonomy of terms typed in front matter: field (also the URL prefix), the Russian
/// name of a term and its genitive.
const TAXONOMIES: [(&str, &str, &str); 2] = [
    ("tags", "метка", "метки"),
    ("subject", "предмет", "предмета"),
];

/// Where a term was first met: the page and the index in its list (located only if a
/// diagnostic names it; most pages have none and never build their spans).
struct First<'a> {
    key: String,
    name: &'a str,
    page: &'a Page,
    index: usize,
}

/// Every tag and subject: one URL per term (spellings differing in case or `ё` are one
/// term), no two terms at one URL, no slug over [`MAX_SLUG`].
pub fn check_terms(pages: &[Page], diags: &mut Diagnostics) {
    for (field, what, of_what) in TAXONOMIES {
        let mut seen: HashMap<String, First<'_>> = HashMap::new();
        for p in pages {
            let names = match field {
                "tags" => &p.common.tags,
                _ => &p.common.subject,
            };
            for (j, name) in names.iter().enumerate() {
                let slug = crate::ru::term_slug(name);
                let key = crate::ru::term_key(name);
                let pos = || term_pos(p, field, j);
                if slug.len() > MAX_SLUG {
                    diags.push(too_long(p, pos(), of_what, name, &slug));
                    continue;
                }
                if let Some(d) = no_folder(p, pos(), (field, what, of_what), name, &slug) {
                    diags.push(d);
                    continue;
                }
                match seen.get(&slug) {
                    Some(first) if first.key != key => {
                        let at = pos();
                        let src = first.page.src.display();
                        let place = match term_pos(first.page, field, first.index) {
                            Some(fp) => format!("{src}:{}:{}", fp.line, fp.col),
                            None => src.to_string(),
                        };
                        diags.push(
                            Diagnostic::error(
                                &p.src,
                                format!(
                                    "{what} «{name}» получает тот же адрес {field}/{slug}/, что и {what} «{}» ({place})",
                                    first.name
                                ),
                            )
                            .at_opt(at)
                            .snippet(at.map(|a| p.line_at(a)).unwrap_or_default())
                            .hint(
                                "это разные названия с одним адресом, их страницы слились бы: одно и то же пишите одинаково, разное называйте по-разному",
                            ),
                        );
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(
                            slug,
                            First {
                                key,
                                name,
                                page: p,
                                index: j,
                            },
                        );
                    }
                }
            }
        }
    }
}

/// A `subject` may be one value or a list: then its value (the parent of `subject[0]`).
fn term_pos(p: &Page, field: &str, j: usize) -> Option<Pos> {
    p.locate_path(&format!("{field}[{j}]"))
}

/// A term whose slug is no folder: empty (only emoji, Greek letters, `№`, `%`: the
/// terms all met at `tags/-/`), or a name Windows reserves (`tags/con/`: a site copied
/// to a Windows drive loses the folder).
fn no_folder(
    p: &Page,
    at: Option<Pos>,
    (field, what, of_what): (&str, &str, &str),
    name: &str,
    slug: &str,
) -> Option<Diagnostic> {
    // The accusative, and «в ней»/«в нём» of the term's gender.
    let (it, in_it) = match field {
        "tags" => ("метку", "ней"),
        _ => ("предмет", "нём"),
    };
    let (message, hint) = if slug.is_empty() {
        (
            format!("из {of_what} «{name}» не получается адрес: в {in_it} нет ни букв, ни цифр"),
            format!("адрес составляется из букв и цифр {of_what}; допишите слово, например «{name} праздник», или уберите {it}"),
        )
    } else if crate::ru::windows_reserved(slug) {
        (
            format!("{what} «{name}» получает адрес {field}/{slug}/, а «{slug}» — имя, которое Windows не даёт папке: сайт, скопированный на флешку, потеряет страницу"),
            format!("измените {it}, например «{name} 2025», или напишите полностью"),
        )
    } else {
        return None;
    };
    Some(
        Diagnostic::error(&p.src, message)
            .at_opt(at)
            .snippet(at.map(|a| p.line_at(a)).unwrap_or_default())
            .hint(hint),
    )
}

fn too_long(p: &Page, at: Option<Pos>, of_what: &str, name: &str, slug: &str) -> Diagnostic {
    Diagnostic::error(
        &p.src,
        format!(
            "адрес {of_what} «{name}» слишком длинный: {}, можно не больше {MAX_SLUG}",
            chars(slug.len())
        ),
    )
    .at_opt(at)
    .snippet(at.map(|a| p.line_at(a)).unwrap_or_default())
    .hint("адрес — это имя папки сайта; сократите название, подробности оставьте в тексте страницы")
}

/// Every segment of every page and section URL fits [`MAX_SLUG`] and is no name Windows
/// reserves (`con`, `nul`…); a bad `slug` is pointed at, a bad file or folder name is
/// named (once per URL prefix).
pub fn check_url_lengths(pages: &[Page], sections: &[Section], diags: &mut Diagnostics) {
    let mut reported: Vec<String> = Vec::new();
    let sources = pages
        .iter()
        .map(|p| (p.url.as_str(), p.src.as_path(), Some(p)))
        .chain(
            sections
                .iter()
                .filter_map(|s| s.src.as_deref().map(|src| (s.url.as_str(), src, None))),
        );
    for (url, src, page) in sources {
        let segments: Vec<&str> = url.split('/').filter(|s| !s.is_empty()).collect();
        let unfit = |s: &&str| s.len() > MAX_SLUG || crate::ru::windows_reserved(s);
        let Some(k) = segments.iter().position(unfit) else {
            continue;
        };
        let prefix = segments[..=k].join("/");
        let segment = segments[k];
        let from_slug = k + 1 == segments.len() && page.is_some_and(|p| p.common.slug.is_some());
        if !from_slug && reported.contains(&prefix) {
            continue;
        }
        reported.push(prefix);
        let short: String = segment.chars().take(40).collect();
        let long = segment.len() > MAX_SLUG;
        let message = match long {
            true => format!(
                "адрес страницы слишком длинный: «{short}…» — {}, можно не больше {MAX_SLUG}",
                chars(segment.len())
            ),
            false => format!(
                "адрес страницы {url}: «{segment}» — имя, которое Windows не даёт папке, сайт, скопированный на флешку, потеряет страницу"
            ),
        };
        let d = match page.filter(|_| from_slug) {
            Some(p) => {
                let at = p.locate_path("slug");
                Diagnostic::error(src, message)
                    .at_opt(at)
                    .snippet(at.map(|a| p.line_at(a)).unwrap_or_default())
                    .hint(match long {
                        true => "сократите поле slug",
                        false => "задайте в поле slug другое имя",
                    })
            }
            None => Diagnostic::error(src, message).hint(match long {
                true => "адрес составлен из имён файла и папок; переименуйте их покороче или задайте короткое поле slug",
                false => "адрес составлен из имён файла и папок; переименуйте файл или папку или задайте поле slug",
            }),
        };
        diags.push(d);
    }
}

fn chars(n: usize) -> String {
    crate::ru::plural_n(n, "символ", "символа", "символов")
}
