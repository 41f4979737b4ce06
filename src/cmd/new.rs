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
    let exists = || {
        bail!(
            "файл {} уже есть; выберите другой заголовок",
            path.display()
        )
    };
    // A link counts as an existing file, even one pointing nowhere: writing through it
    // would create a file outside the site.
    if std::fs::symlink_metadata(&path).is_ok() {
        return exists();
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("не удалось создать {}", parent.display()))?;
    }
    let today = chrono::Local::now().date_naive();
    let mut file = match std::fs::File::create_new(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return exists(),
        Err(e) => return Err(e).with_context(|| format!("не удалось создать {}", path.display())),
    };
    std::io::Write::write_all(
        &mut file,
        metodist::model::skeleton(kind, title, today).as_bytes(),
    )
    .with_context(|| format!("не удалось записать {}", path.display()))?;
    metodist::outln!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}
