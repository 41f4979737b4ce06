//! Parse: front matter into typed structs, page identity and URL.
//!
//! Input: [`crate::load::Loaded`]. Output: [`Parsed`]: pages with typed front matter and
//! raw Markdown bodies, plus registries from `data/`. Markdown is rendered later, once every
//! URL is known, so links between pages can be resolved.

pub mod data;
pub mod frontmatter;
mod ids;
pub mod limits;
pub(crate) mod messages;
pub mod page;
pub mod recover;
pub mod spans;
pub mod syntax;

pub use messages::russify;
pub use page::{parse_pages, Page, Section, UrlPath};
