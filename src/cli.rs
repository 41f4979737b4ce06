//! Command-line interface: clap definitions, doc comments are the help text.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// metodist — генератор статических сайтов для методических служб.
#[derive(Debug, Parser)]
#[command(name = "metodist", version, about, long_about = None)]
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
        /// Папка сайта (с content/ и data/).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Куда записать сайт: новая или пустая папка, или папка, которую собрал metodist.
        #[arg(short, long)]
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
        /// Папка сайта или одна страница (.md) в её content/.
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Считать предупреждения ошибками.
        #[arg(long)]
        strict: bool,
    },
    /// Запустить сервер для просмотра с пересборкой при изменениях.
    Serve {
        /// Папка сайта.
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Порт (0 — любой свободный).
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// Куда собирать сайт (по умолчанию — во временную папку, public/ не трогается).
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Заменить папку -o, даже если в ней есть чужие файлы (они будут удалены).
        #[arg(long)]
        force: bool,
    },
    /// Создать страницу с заготовкой заголовка.
    New {
        /// Вид: report, plan, roadmap, programme, regulation, rmo, competition, practice, event, page, news.
        kind: String,
        /// Заголовок страницы.
        title: String,
        /// Папка сайта.
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
    /// Импортировать документ Word (.docx) или его текстовую выгрузку в страницу.
    Import {
        /// Файл .docx или .txt.
        file: PathBuf,
        /// Вид страницы (по умолчанию — по заголовку документа).
        #[arg(long, value_parser = ["report", "plan", "roadmap", "programme", "regulation"])]
        kind: Option<String>,
        /// Куда записать страницу (по умолчанию content/<раздел>/<адрес>.md).
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Папка сайта (реестры data/ и папка content/).
        #[arg(long, default_value = ".")]
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
        query: String,
        /// Фильтр поле=значение, например district=usolsky.
        #[arg(long = "filter", value_name = "ПОЛЕ=ЗНАЧЕНИЕ")]
        filters: Vec<String>,
        /// Папка сайта.
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Папка собранного сайта (по умолчанию public/ в папке сайта).
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Вывести JSON.
        #[arg(long)]
        json: bool,
        /// Сколько результатов.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
}
