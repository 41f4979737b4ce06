//! Tera filters and functions for Russian text: dates, plurals, numbers.

use std::collections::HashMap;
use tera::{Result, Tera, Value};

/// Registers every filter and function on `tera`.
pub fn register(tera: &mut Tera) {
    tera.register_filter("date_ru", date_ru);
    tera.register_filter("num", num);
    tera.register_function("plural", plural);
}

/// `{{ "2025-11-21" | date_ru }}` → «21 ноября 2025 г.».
fn date_ru(v: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    let s = v.as_str().unwrap_or_default();
    Ok(Value::String(
        crate::ru::parse_date(s)
            .map(crate::ru::long_date)
            .unwrap_or_else(|| s.to_string()),
    ))
}

/// `{{ 10.5 | num }}` → «10,5».
fn num(v: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    Ok(Value::String(match v.as_f64() {
        Some(f) if f.fract() == 0.0 => format!("{}", f as i64),
        Some(f) => format!("{f}").replace('.', ","),
        None => v.as_str().unwrap_or_default().to_string(),
    }))
}

/// `{{ plural(n=5, one="практика", few="практики", many="практик") }}` → «5 практик».
fn plural(args: &HashMap<String, Value>) -> Result<Value> {
    let n = args.get("n").and_then(Value::as_u64).unwrap_or(0);
    let word = |k: &str| {
        args.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let (one, few, many) = (word("one"), word("few"), word("many"));
    Ok(Value::String(format!(
        "{n} {}",
        crate::ru::plural(n, &one, &few, &many)
    )))
}
