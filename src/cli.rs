//! Command-line interface: clap definitions, doc comments are the help text.
//!
//! Everything a user reads is Russian: clap's help frame (headings, the usage line, the
//! help and version flags) is set in Russian words, and its errors are retold from their
//! kind and context (the argument, the value, clap's suggestion); see [`parse`].

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

/// metodist — генератор статических сайтов для методических служб.
#[derive(Debug, Parser)]
#[command(
    name = "metodist",
    version,
    about,
    long_about = None,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Команды",
    subcommand_value_name = "КОМАНДА"
)]
pub struct Cli {
    /// Команда.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Собрать сайт в папку public/ (или в -o).
    Build {
        /// Папка сайта (с content/ и data/); по умолчанию текущая.
        #[arg(default_value = ".", value_name = "ПАПКА")]
        site: PathBuf,
        /// Куда записать сайт: новая или пустая папка, или папка, которую собрал metodist.
        #[arg(short, long, value_name = "ПАПКА")]
        out: Option<PathBuf>,
        /// Считать предупреждения ошибками.
        #[arg(long)]
        strict: bool,
        /// Заменить папку -o, даже если в ней есть чужие файлы (они будут удалены).
        #[arg(long)]
        force: bool,
    },
    /// Проверить содержимое, ничего не записывая.
    Check {
        /// Папка сайта или одна страница (.md) в её content/; по умолчанию текущая папка.
        #[arg(default_value = ".", value_name = "ПАПКА")]
        site: PathBuf,
        /// Считать предупреждения ошибками.
        #[arg(long)]
        strict: bool,
    },
    /// Запустить сервер для просмотра с пересборкой при изменениях.
    Serve {
        /// Папка сайта; по умолчанию текущая.
        #[arg(default_value = ".", value_name = "ПАПКА")]
        site: PathBuf,
        /// Порт (0 — любой свободный); по умолчанию 1111.
        #[arg(short, long, default_value_t = 1111, value_name = "ПОРТ")]
        port: u16,
        /// Куда собирать сайт (по умолчанию — во временную папку, public/ не трогается).
        #[arg(short, long, value_name = "ПАПКА")]
        out: Option<PathBuf>,
        /// Заменить папку -o, даже если в ней есть чужие файлы (они будут удалены).
        #[arg(long)]
        force: bool,
    },
    /// Создать страницу с заготовкой заголовка.
    New {
        /// Вид: report, plan, roadmap, programme, regulation, rmo, competition, practice, event, page, news.
        #[arg(value_name = "ВИД")]
        kind: String,
        /// Заголовок страницы.
        #[arg(value_name = "ЗАГОЛОВОК")]
        title: String,
        /// Папка сайта; по умолчанию текущая.
        #[arg(long, default_value = ".", value_name = "ПАПКА")]
        site: PathBuf,
    },
    /// Импортировать документ Word (.docx) или его текстовую выгрузку в страницу.
    Import {
        /// Файл .docx или .txt.
        #[arg(value_name = "ФАЙЛ")]
        file: PathBuf,
        /// Вид страницы: report, plan, roadmap, programme или regulation (по умолчанию — по заголовку документа).
        #[arg(long, value_name = "ВИД", value_parser = ["report", "plan", "roadmap", "programme", "regulation"])]
        kind: Option<String>,
        /// Куда записать страницу (по умолчанию content/<раздел>/<адрес>.md).
        #[arg(short, long, value_name = "ФАЙЛ")]
        out: Option<PathBuf>,
        /// Папка сайта (реестры data/ и папка content/); по умолчанию текущая.
        #[arg(long, default_value = ".", value_name = "ПАПКА")]
        site: PathBuf,
        /// Перезаписать существующую страницу и её список для проверки (*.review.md).
        #[arg(long)]
        force: bool,
    },
    /// Вывести JSON Schema заголовков страниц (для редакторов).
    Schema,
    /// Искать по собранному сайту.
    Search {
        /// Запрос.
        #[arg(value_name = "ЗАПРОС")]
        query: String,
        /// Фильтр поле=значение, например district=usolsky.
        #[arg(long = "filter", value_name = "ПОЛЕ=ЗНАЧЕНИЕ")]
        filters: Vec<String>,
        /// Папка сайта; по умолчанию текущая.
        #[arg(long, default_value = ".", value_name = "ПАПКА")]
        site: PathBuf,
        /// Папка собранного сайта (по умолчанию public/ в папке сайта).
        #[arg(short, long, value_name = "ПАПКА")]
        out: Option<PathBuf>,
        /// Вывести JSON.
        #[arg(long)]
        json: bool,
        /// Сколько результатов; по умолчанию 10.
        #[arg(long, default_value_t = 10, value_name = "ЧИСЛО")]
        limit: usize,
    },
}

/// The help of every command: its description, the usage line and the arguments, with
/// Russian headings (clap's own frame is English).
const HELP: &str = "{about-with-newline}\nИспользование: {usage}\n\n{all-args}{after-help}";

/// The command line, with the help frame in Russian.
pub fn command() -> clap::Command {
    let help = || {
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help("Показать эту справку")
    };
    let russian = |cmd: clap::Command| {
        cmd.help_template(HELP)
            .disable_help_flag(true)
            .arg(help())
            .mut_args(|a| {
                let heading = if a.is_positional() {
                    "Аргументы"
                } else {
                    "Параметры"
                };
                let takes_values = a.get_action().takes_values();
                // «[default: .]» and «[possible values: …]» are English: the doc
                // comments say both in Russian.
                a.help_heading(heading)
                    .hide_default_value(takes_values)
                    .hide_possible_values(takes_values)
            })
    };
    let cmd = Cli::command().arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("Показать версию"),
    );
    russian(cmd).mut_subcommands(russian)
}

/// What the command line asks for, or what to print and the exit code when it asks for
/// help, the version, or cannot be read.
pub fn parse(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> Result<Cli, Refused> {
    let matches = command().try_get_matches_from(args).map_err(refused)?;
    Cli::from_arg_matches(&matches).map_err(refused)
}

/// A command line that is not run: the help, the version, or an error in Russian.
#[derive(Debug)]
pub struct Refused {
    /// What to print.
    pub text: String,
    /// Where: standard output for help and the version, else standard error.
    pub to_stdout: bool,
    /// The exit code: 0 for help and the version, 2 for a mistake.
    pub code: i32,
}

fn refused(e: clap::Error) -> Refused {
    let code = e.exit_code();
    let render = |e: &clap::Error| {
        let text = russian_words(&e.render().to_string());
        if text.ends_with('\n') {
            text
        } else {
            text + "\n"
        }
    };
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Refused {
            text: render(&e),
            to_stdout: true,
            code,
        },
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Refused {
            text: render(&e),
            to_stdout: false,
            code,
        },
        _ => Refused {
            text: in_russian(&e),
            to_stdout: false,
            code,
        },
    }
}

/// clap's words that no setting changes, in the text it renders.
fn russian_words(text: &str) -> String {
    text.replace("[OPTIONS]", "[ПАРАМЕТРЫ]")
        .replace("Usage: ", "Использование: ")
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A clap error as a Russian message: what is wrong with which argument, clap's
/// suggestion as «может быть, …?», the usage line and where to read more.
fn in_russian(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let count = |k| context(e, k).unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("неизвестный параметр «{arg}»")
        }
        ErrorKind::UnknownArgument => format!("лишний аргумент «{arg}»"),
        ErrorKind::InvalidSubcommand => format!(
            "неизвестная команда «{}»",
            context(e, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue if value.is_empty() => format!("у «{arg}» не указано значение"),
        ErrorKind::InvalidValue => format!("недопустимое значение «{value}» для «{arg}»"),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            let why = if why.contains("invalid digit") || why.contains("empty string") {
                ": нужно целое число".to_string()
            } else if why.contains("too large") || why.contains("too small") {
                ": число вне допустимых пределов".to_string()
            } else if let Some((_, range)) = why.split_once("is not in ") {
                format!(": нужно число от {}", range.replace("..=", " до "))
            } else if why.is_empty() {
                String::new()
            } else {
                format!(" ({why})")
            };
            format!("недопустимое значение «{value}» для «{arg}»{why}")
        }
        ErrorKind::MissingRequiredArgument => format!("не указано: {arg}"),
        ErrorKind::MissingSubcommand => "не указана команда".to_string(),
        ErrorKind::ArgumentConflict => match context(e, ContextKind::PriorArg) {
            Some(prior) if prior != arg => {
                format!("«{arg}» нельзя указывать вместе с «{prior}»")
            }
            _ => format!("«{arg}» указан больше одного раза"),
        },
        ErrorKind::NoEquals => format!("значение «{arg}» пишется через «=»"),
        ErrorKind::TooManyValues => format!("лишнее значение «{value}» для «{arg}»"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!(
            "для «{arg}» нужно значений: {}, указано: {}",
            count(ContextKind::MinValues).max(count(ContextKind::ExpectedNumValues)),
            count(ContextKind::ActualNumValues)
        ),
        ErrorKind::InvalidUtf8 => "аргумент не в кодировке UTF-8".to_string(),
        _ => "не удалось разобрать командную строку".to_string(),
    };
    let mut out = format!("ошибка: {message}\n");
    if let Some(valid) = context(e, ContextKind::ValidValue) {
        out.push_str(&format!("  допустимые значения: {valid}\n"));
    }
    if let Some(valid) = context(e, ContextKind::ValidSubcommand) {
        out.push_str(&format!("  команды: {valid}\n"));
    }
    let suggestion = context(e, ContextKind::SuggestedArg)
        .or_else(|| context(e, ContextKind::SuggestedSubcommand))
        .or_else(|| context(e, ContextKind::SuggestedValue));
    let suggested = suggestion.is_some();
    if let Some(s) = suggestion {
        out.push_str(&format!("  может быть, «{s}»?\n"));
    }
    if e.kind() == ErrorKind::UnknownArgument && arg.starts_with('-') && !suggested {
        out.push_str(&format!(
            "  если «{arg}» — значение, а не параметр, поставьте перед ним «-- »\n"
        ));
    }
    let usage = context(e, ContextKind::Usage).map(|u| russian_words(u.trim()));
    if let Some(usage) = usage {
        let path: Vec<&str> = usage
            .trim_start_matches("Использование:")
            .split_whitespace()
            .take_while(|w| !w.starts_with(['[', '<', '-']))
            .collect();
        out.push_str(&format!(
            "\n{usage}\nПодробнее: {} --help\n",
            path.join(" ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(args: &[&str]) -> Refused {
        parse(std::iter::once("metodist").chain(args.iter().copied())).unwrap_err()
    }

    /// Panics if `text` has a run of two English words (what clap writes).
    fn assert_russian(text: &str) {
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        // Names the user types stay as they are: commands, parameters, values.
        const NAMES: &[&str] = &[
            "metodist",
            "build",
            "check",
            "serve",
            "new",
            "import",
            "schema",
            "search",
            "help",
            "version",
            "strict",
            "strcit",
            "force",
            "out",
            "port",
            "kind",
            "site",
            "filter",
            "json",
            "limit",
            "report",
            "plan",
            "roadmap",
            "programme",
            "regulation",
            "rmo",
            "competition",
            "practice",
            "event",
            "page",
            "news",
            "md",
            "docx",
            "txt",
            "biuld",
            "public",
            "content",
            "data",
            "review",
            "usolsky",
            "district",
            "schemas",
            "abc",
            "o",
            "p",
            "h",
            "V",
            "JSON",
            "Schema",
            "Word",
            "TOML",
            "YAML",
            "index",
            "html",
            "xlsx",
            "csv",
            "tmp",
            "x",
        ];
        let english = |w: &&str| w.is_ascii() && !NAMES.contains(w);
        for pair in words.windows(2) {
            assert!(
                !(english(&pair[0]) && english(&pair[1])),
                "English words «{} {}» in:\n{text}",
                pair[0],
                pair[1]
            );
        }
    }

    #[test]
    fn a_misspelt_parameter_is_named_with_the_suggestion() {
        let r = refused(&["check", "--strcit"]);
        assert_eq!(r.code, 2);
        assert!(!r.to_stdout);
        assert!(
            r.text.starts_with(
                "ошибка: неизвестный параметр «--strcit»\n  может быть, «--strict»?\n"
            ),
            "{}",
            r.text
        );
        assert!(
            r.text.contains("\nИспользование: metodist check "),
            "{}",
            r.text
        );
        assert!(
            r.text.ends_with("\nПодробнее: metodist check --help\n"),
            "{}",
            r.text
        );
        assert_russian(&r.text);
    }

    #[test]
    fn a_wrong_value_names_the_allowed_ones() {
        let r = refused(&["import", "x.docx", "--kind", "page"]);
        assert_eq!(r.code, 2);
        assert!(
            r.text.starts_with("ошибка: недопустимое значение «page» для «--kind <ВИД>»\n  допустимые значения: report, plan, roadmap, programme, regulation\n"),
            "{}",
            r.text
        );
        assert_russian(&r.text);
        let r = refused(&["serve", "--port", "99999"]);
        assert!(
            r.text.starts_with("ошибка: недопустимое значение «99999» для «--port <ПОРТ>»: нужно число от 0 до 65535\n"),
            "{}",
            r.text
        );
        let r = refused(&["serve", "--port", "abc"]);
        assert!(
            r.text.starts_with(
                "ошибка: недопустимое значение «abc» для «--port <ПОРТ>»: нужно целое число\n"
            ),
            "{}",
            r.text
        );
        assert_russian(&r.text);
    }

    #[test]
    fn every_other_mistake_is_russian() {
        for (args, first) in [
            (
                &["biuld"][..],
                "ошибка: неизвестная команда «biuld»\n  может быть, «build»?",
            ),
            (&["import"][..], "ошибка: не указано: <ФАЙЛ>"),
            (&["check", "a", "b"][..], "ошибка: лишний аргумент «b»"),
            (
                &["build", "--strict", "--strict"][..],
                "ошибка: «--strict» указан больше одного раза",
            ),
            (
                &["build", "-o"][..],
                "ошибка: у «--out <ПАПКА>» не указано значение",
            ),
            (
                &["search", "x", "--limit", "-1"][..],
                "ошибка: неизвестный параметр «-1»",
            ),
        ] {
            let r = refused(args);
            assert_eq!(r.code, 2, "{args:?}");
            assert!(r.text.starts_with(first), "{args:?}:\n{}", r.text);
            assert_russian(&r.text);
        }
    }

    #[test]
    fn help_and_version_are_russian() {
        for args in [
            &["--help"][..],
            &["-h"][..],
            &["build", "--help"][..],
            &["check", "-h"][..],
            &["serve", "--help"][..],
            &["new", "--help"][..],
            &["import", "--help"][..],
            &["schema", "--help"][..],
            &["search", "--help"][..],
        ] {
            let r = refused(args);
            assert_eq!((r.code, r.to_stdout), (0, true), "{args:?}");
            assert!(r.text.contains("Использование: metodist"), "{}", r.text);
            assert!(r.text.contains("-h, --help"), "{}", r.text);
            assert!(r.text.contains("Показать эту справку"), "{}", r.text);
            assert_russian(&r.text);
        }
        let r = refused(&["--help"]);
        assert!(r.text.contains("Команды:\n  build"), "{}", r.text);
        assert!(r.text.contains("Показать версию"), "{}", r.text);
        let r = refused(&["-V"]);
        assert_eq!(
            r.text.trim(),
            format!("metodist {}", env!("CARGO_PKG_VERSION"))
        );
        // No command: the help, as a mistake.
        let r = refused(&[]);
        assert_eq!((r.code, r.to_stdout), (2, false));
        assert!(r.text.contains("Команды:"), "{}", r.text);
        assert_russian(&r.text);
    }
}
