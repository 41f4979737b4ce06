//! File names and paths a page writes in its front matter.

use crate::parse::messages::HINT;
use serde::Deserialize;
use std::fmt;

/// A file name or path a page names (`indicators_file`, `template`, `plan`, `slug`…):
/// a control character in it (a NUL, a tab pasted from a table) is an error at the
/// field, never handed to the file system, whose message would be English.
struct PathText(String);

impl<'de> Deserialize<'de> for PathText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<PathText, D::Error> {
        // The check runs inside the visitor, so the parser points the error at the value.
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = PathText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PathText, E> {
                match v.chars().find(|c| c.is_control()) {
                    Some(c) => Err(E::custom(format!(
                        "в пути «{v}» управляющий символ U+{:04X}{HINT}удалите его: в имени файла или адресе такого знака быть не может, а в редакторе его не видно",
                        u32::from(c)
                    ))),
                    None => Ok(PathText(v.to_string())),
                }
            }
        }
        d.deserialize_str(V)
    }
}

/// An optional [`PathText`].
pub(crate) fn opt_path<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<PathText>::deserialize(d)?.map(|PathText(p)| p))
}
