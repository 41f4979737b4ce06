//! Where a value stands in a YAML or TOML text, found by its path (`materials`, 3,
//! `url`), not by searching for its text: the parser walks to the value and stops there
//! with an error, which carries the value's position.

use super::frontmatter::{Format, Split};
use crate::diag::Pos;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// One step of a path: a key of a mapping or an index in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A key.
    Key(&'a str),
    /// An index from 0.
    Index(usize),
}

/// The message the walk stops with when it reaches the value.
const HERE: &str = "\u{0}metodist: here";

/// The position in the file of the value at `path` in a page's front matter.
pub fn front_matter_value(split: &Split<'_>, path: &[Step<'_>]) -> Option<Pos> {
    let p = value_pos(split.format, split.front, path)?;
    Some(Pos::new(split.front_line + p.line - 1, p.col))
}

/// The position in the file of the value at `path` in the front matter of `page`.
pub fn page_value(page: &crate::parse::Page, path: &[Step<'_>]) -> Option<Pos> {
    let split = super::frontmatter::split(&page.text).ok()??;
    front_matter_value(&split, path)
}

/// The position of the value at `path` in `text` (a whole YAML or TOML document).
pub fn value_pos(format: Format, text: &str, path: &[Step<'_>]) -> Option<Pos> {
    let seek = Seek { path };
    match format {
        Format::Yaml => {
            let e = seek
                .deserialize(serde_yaml_ng::Deserializer::from_str(text))
                .err()?;
            let at = e.location().filter(|_| e.to_string().contains(HERE))?;
            Some(Pos::new(at.line(), at.column()))
        }
        Format::Toml => {
            let de = toml::de::Deserializer::parse(text).ok()?;
            let e = seek.deserialize(de).err()?;
            let span = e.span().filter(|_| e.message().contains(HERE))?;
            Some(Pos::of_offset(text, span.start))
        }
    }
}

/// Walks down `path` and fails at the value it names; passes over everything else.
struct Seek<'p, 'a> {
    path: &'p [Step<'a>],
}

impl<'de> DeserializeSeed<'de> for Seek<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seek<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((Step::Key(want), rest)) = self.path.split_first() else {
            return Err(de::Error::custom(HERE));
        };
        while let Some(key) = map.next_key::<KeyName>()? {
            if key.0.as_deref() == Some(*want) {
                return map.next_value_seed(Seek { path: rest });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((Step::Index(want), rest)) = self.path.split_first() else {
            return Err(de::Error::custom(HERE));
        };
        for _ in 0..*want {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Seek { path: rest }).map(|_| ())
    }

    // A scalar (or a list or table where the path goes on) is where the walk ends.
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.stop()
    }
    fn visit_string<E: de::Error>(self, _: String) -> Result<(), E> {
        self.stop()
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.stop()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.stop()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.stop()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.stop()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.stop()
    }
}

impl Seek<'_, '_> {
    fn stop<E: de::Error>(&self) -> Result<(), E> {
        if self.path.is_empty() {
            Err(E::custom(HERE))
        } else {
            Ok(())
        }
    }
}

/// A mapping key: its text if it is a string, nothing otherwise.
struct KeyName(Option<String>);

impl<'de> de::Deserialize<'de> for KeyName {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<KeyName, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyName;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<KeyName, E> {
                Ok(KeyName(Some(s.to_string())))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<KeyName, E> {
                Ok(KeyName(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<KeyName, E> {
                Ok(KeyName(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<KeyName, E> {
                Ok(KeyName(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<KeyName, E> {
                Ok(KeyName(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyName, E> {
                Ok(KeyName(None))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::{Index, Key};

    const URL: [Step<'static>; 3] = [Key("materials"), Index(1), Key("url")];

    #[test]
    fn yaml_values_are_found_by_path_not_by_text() {
        // The same text stands earlier in another field: the position is the field's.
        let yaml = "title: \"javascript:x\"\nmaterials:\n  - title: a\n    url: \"javascript:x\"\n  - {title: b, url:   \"javascript:x\"}\n";
        assert_eq!(value_pos(Format::Yaml, yaml, &URL), Some(Pos::new(5, 23)));
        let first = [Key("materials"), Index(0), Key("url")];
        assert_eq!(value_pos(Format::Yaml, yaml, &first), Some(Pos::new(4, 10)));
        assert_eq!(
            value_pos(Format::Yaml, yaml, &[Key("title")]),
            Some(Pos::new(1, 8))
        );
        // Plain and block scalars.
        let yaml = "materials:\n- title: a\n- title: b\n  url: javascript:x\n";
        assert_eq!(value_pos(Format::Yaml, yaml, &URL), Some(Pos::new(4, 8)));
        // Nothing there.
        assert_eq!(value_pos(Format::Yaml, yaml, &[Key("nope")]), None);
        assert_eq!(value_pos(Format::Yaml, "a: [", &[Key("b")]), None);
    }

    #[test]
    fn toml_values_are_found_by_path() {
        let toml = "title = \"javascript:x\"\n[[materials]]\ntitle = \"a\"\n[[materials]]\ntitle = \"b\"\nurl   = \"javascript:x\"\n";
        assert_eq!(value_pos(Format::Toml, toml, &URL), Some(Pos::new(6, 9)));
        assert_eq!(
            value_pos(Format::Toml, "base_url = 'x'\n", &[Key("base_url")]),
            Some(Pos::new(1, 12))
        );
        assert_eq!(value_pos(Format::Toml, toml, &[Key("nope")]), None);
    }
}
