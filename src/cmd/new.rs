//! `metodist new <kind> "<title>"`: a page with its front-matter skeleton.

use anyhow::{bail, Context, Result};
use metodist::model::Kind;
use std::path::Path;
use std::process::ExitCode;

/// Writes `content/<section>/<slug>.md` and prints its path.
pub fn run(site: &Path, kind: &str, title: &str) -> Result<ExitCode> {
    let Some(kind) = Kind::from_name(kind) else {
        let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        bail!("неизвестный вид «{kind}»; виды: {}", kinds.join(", "));
    };
    let slug = metodist::ru::slugify(title);
    if slug.is_empty() {
        bail!("из заголовка «{title}» не получается адрес страницы: добавьте в него буквы");
    }
    let path = site
        .join("content")
        .join(metodist::model::section_dir(kind))
        .join(format!("{slug}.md"));
    if path.exists() {
        bail!(
            "файл {} уже есть; выберите другой заголовок",
            path.display()
        );
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("не удалось создать {}", parent.display()))?;
    }
    let today = chrono::Local::now().date_naive();
    std::fs::write(&path, metodist::model::skeleton(kind, title, today))
        .with_context(|| format!("не удалось записать {}", path.display()))?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}
