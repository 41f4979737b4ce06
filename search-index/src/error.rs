//! The one error type of the crate: every fallible public function returns
//! [`SearchError`], so the main binary can wrap it with context (anyhow) and
//! the dev server can turn it into an HTTP answer.

use std::path::PathBuf;

/// Everything that can go wrong while building, opening, querying or exporting.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// tantivy itself failed (I/O inside the index, a corrupt segment, …).
    #[error("ошибка поискового индекса: {0}")]
    Tantivy(#[from] tantivy::TantivyError),

    /// The index directory could not be opened or created.
    #[error("не удалось открыть каталог индекса {path}: {source}")]
    OpenDirectory {
        /// The directory we tried.
        path: PathBuf,
        /// What tantivy reported.
        #[source]
        source: tantivy::directory::error::OpenDirectoryError,
    },

    /// Reading or writing a file of the index or of the static export failed.
    #[error("ошибка ввода-вывода: {path}: {source}")]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },

    /// Two documents share one id; ids must be unique and stable.
    #[error("повторяющийся идентификатор документа «{0}»")]
    DuplicateId(String),

    /// A document declares a `kind` that the search does not know.
    #[error("документ «{id}»: неизвестный вид «{kind}»")]
    UnknownKind {
        /// The document's id.
        id: String,
        /// The offending kind.
        kind: String,
    },

    /// A filter names a field that is not a facet.
    #[error(
        "неизвестный фильтр «{0}»; допустимы: kind, district, level, subject, form, year, tags"
    )]
    UnknownFilter(String),

    /// The index lacks the vocabulary file written by [`crate::build_index`]
    /// or it cannot be parsed (an index built by something else).
    #[error("словарь поискового индекса отсутствует или повреждён: {0}")]
    Vocabulary(String),

    /// JSON (de)serialisation of export files failed.
    #[error("ошибка JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl SearchError {
    /// Wraps an I/O error with the path it concerns.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        SearchError::Io {
            path: path.into(),
            source,
        }
    }
}
