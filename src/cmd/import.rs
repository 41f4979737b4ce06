//! `metodist import FILE`: a .docx or a text export → a page under content/ and a
//! review report beside it (`*.review.md`), also printed on the terminal.

use anyhow::{bail, Context, Result};
use metodist::diag::Diagnostics;
use metodist::import::{import, ImportOptions};
use metodist::model::{Kind, Registries};
use metodist::ru::plural_n;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The command's arguments.
pub struct Args {
    /// The document.
    pub file: PathBuf,
    /// `--kind`.
    pub kind: Option<String>,
    /// `-o`.
    pub out: Option<PathBuf>,
    /// `--site`.
    pub site: PathBuf,
    /// `--force`.
    pub force: bool,
}

/// Largest document read: a Word file of a plan is a few megabytes.
const MAX_INPUT: u64 = 256 * 1024 * 1024;

/// Imports the file; exit 1 when nothing could be written.
pub fn run(args: &Args) -> Result<ExitCode> {
    let bytes = read_input(&args.file)?;
    let reg = registries(&args.site)?;
    let opts = ImportOptions {
        kind: args.kind.as_deref().and_then(Kind::from_name),
    };
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let imported = import(&bytes, &name, &opts, &reg)
        .with_context(|| format!("{}: импорт не удался", args.file.display()))?;
    let out = match &args.out {
        Some(o) => o.clone(),
        None => args
            .site
            .join("content")
            .join(section(imported.kind))
            .join(format!("{}.md", imported.slug)),
    };
    let review_path = review_path(&out);
    refuse_to_overwrite(&args.file, &out, &review_path, args.force)?;
    refuse_links_out(&args.site, &out)?;
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("не удалось создать {}", parent.display()))?;
    }
    std::fs::write(&out, &imported.page)
        .with_context(|| format!("не удалось записать {}", out.display()))?;
    let summary = vec![
        format!("вид страницы: {}", imported.kind.as_str()),
        format!(
            "показателей: {}, мероприятий: {}",
            imported.indicators, imported.activities
        ),
    ];
    let report = imported
        .review
        .markdown(&name, &out.display().to_string(), &summary);
    std::fs::write(&review_path, report)
        .with_context(|| format!("не удалось записать {}", review_path.display()))?;
    metodist::term::err(&imported.review.terminal(&name));
    metodist::errln!(
        "записано: {} ({}; {}); проверьте {}: {}",
        out.display(),
        plural_n(
            imported.indicators,
            "показатель",
            "показателя",
            "показателей"
        ),
        plural_n(
            imported.activities,
            "мероприятие",
            "мероприятия",
            "мероприятий"
        ),
        plural_n(
            imported.review.len(),
            "предположение",
            "предположения",
            "предположений"
        ),
        review_path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The document's bytes: a regular file of at most [`MAX_INPUT`] (a device such as
/// `/dev/zero` never ends, a pipe may never start).
fn read_input(file: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => anyhow::anyhow!("{}: файл не найден", file.display()),
        std::io::ErrorKind::PermissionDenied => {
            anyhow::anyhow!("{}: нет прав на чтение файла", file.display())
        }
        _ => anyhow::Error::new(e).context(format!("не удалось открыть {}", file.display())),
    })?;
    if !meta.is_file() {
        bail!(
            "{}: это не файл документа (папка, канал или устройство)",
            file.display()
        );
    }
    let too_big = || anyhow::anyhow!("{}: файл больше 256 МБ", file.display());
    if meta.len() > MAX_INPUT {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_INPUT + 1).read_to_end(&mut bytes))
        .with_context(|| format!("не удалось прочитать {}", file.display()))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(too_big());
    }
    Ok(bytes)
}

/// The page and its review are new files unless `--force`; never the imported file.
fn refuse_to_overwrite(source: &Path, page: &Path, review: &Path, force: bool) -> Result<()> {
    let source = std::fs::canonicalize(source).ok();
    for path in [page, review] {
        // `symlink_metadata`: a dangling link is an existing name too.
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            bail!(
                "{} — символическая ссылка; metodist не пишет через ссылки даже с --force: \
                 удалите ссылку или укажите другой путь (-o)",
                path.display()
            );
        }
        if source.is_some() && std::fs::canonicalize(path).ok() == source {
            bail!(
                "{} — это импортируемый файл, записать поверх него нельзя: укажите другой путь (-o)",
                path.display()
            );
        }
        if !force {
            let note = if path == review {
                " (проверка прошлого импорта)"
            } else {
                ""
            };
            bail!(
                "{}{note} уже существует: укажите другой путь (-o) или --force",
                path.display()
            );
        }
    }
    Ok(())
}

/// A page named inside the site must really be written inside it: a folder on the way
/// that is a link out of the site is refused.
fn refuse_links_out(site: &Path, page: &Path) -> Result<()> {
    let (Ok(root), Ok(abs)) = (site.canonicalize(), std::path::absolute(page)) else {
        return Ok(());
    };
    let named_inside = std::path::absolute(site).is_ok_and(|s| abs.starts_with(s));
    let mut existing = abs.parent();
    while let Some(dir) = existing.filter(|d| !d.exists()) {
        existing = dir.parent();
    }
    let real = existing.and_then(|d| d.canonicalize().ok());
    if named_inside && real.is_some_and(|r| !r.starts_with(&root)) {
        bail!(
            "{} лежит в папке сайта по имени, но путь к ней ведёт по символической ссылке за \
             пределы сайта; metodist туда не пишет: укажите другой путь (-o)",
            page.display()
        );
    }
    Ok(())
}

fn section(kind: Kind) -> &'static str {
    match kind {
        Kind::Report => "reports",
        Kind::Plan => "plans",
        Kind::Roadmap => "roadmaps",
        Kind::Programme => "programmes",
        _ => "regulations",
    }
}

/// `content/x.md` → `content/x.review.md`.
fn review_path(out: &Path) -> PathBuf {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "page".into());
    out.with_file_name(format!("{stem}.review.md"))
}

/// The site's registries (`data/*.yaml`); a site without them gets empty ones.
fn registries(site: &Path) -> Result<Registries> {
    let mut diags = Diagnostics::new();
    let data = site.join("data");
    let mut files = Vec::new();
    if data.is_dir() {
        for e in walkdir::WalkDir::new(&data).sort_by_file_name() {
            let e = e.with_context(|| format!("не удалось прочитать {}", data.display()))?;
            let p = e.path();
            let yaml = p.extension().is_some_and(|x| x == "yaml" || x == "yml");
            if e.file_type().is_file() && yaml {
                if let Some(f) = metodist::load::read_text(site, p, &mut diags) {
                    files.push(f);
                }
            }
        }
    }
    let reg = metodist::parse::data::parse_registries(&files, &mut diags);
    if diags.has_errors() {
        metodist::term::err(&diags.report());
        bail!("реестры data/ с ошибками: школы и районы не сопоставлены");
    }
    Ok(reg)
}
