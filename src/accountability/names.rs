//! A page indicator named exactly as an indicator of its region's framework but given no
//! `framework_id`: the regional dashboard would not count it (issue 15). Names are
//! compared by [`name_key`], the registry's key for school and district names: case,
//! `ё`/`е`, spaces, punctuation and quotes do not count.

use super::{in_table, Derived, Source};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{name_key, Framework, FrameworkIndicator, Registries};
use crate::parse::Page;
use crate::validate::Refs;

/// The framework indicator of `region` whose name is `name` (by [`name_key`]), and the
/// `framework_id` that names it: `P8`, or `irkutsk-rs-nms/P8` where the region has
/// several frameworks. None when the indicator's own `id` is a framework indicator's
/// (it is matched by id) or no name is equal.
pub fn framework_match<'r>(
    reg: &'r Registries,
    region: &str,
    id: &str,
    name: &str,
) -> Option<(&'r FrameworkIndicator, String)> {
    let key = name_key(name);
    let of_region: Vec<&Framework> = reg
        .frameworks
        .iter()
        .filter(|f| f.region == region)
        .collect();
    let by_id = of_region
        .iter()
        .any(|f| f.indicators.iter().any(|fi| fi.id == id));
    if key.is_empty() || by_id {
        return None;
    }
    of_region.iter().find_map(|f| {
        let fi = f.indicators.iter().find(|fi| name_key(&fi.name) == key)?;
        let id = match of_region.len() {
            1 => fi.id.clone(),
            _ => format!("{}/{}", f.id, fi.id),
        };
        Some((fi, id))
    })
}

/// Warns at each indicator without `framework_id` (and whose own id is no framework
/// indicator's) when its name is a framework indicator's of the page's region.
pub(super) fn check_name_matches(
    page: &Page,
    derived: &Derived,
    refs: &Refs,
    reg: &Registries,
    diags: &mut Diagnostics,
) {
    let Some(region) = refs.region.as_deref() else {
        return;
    };
    for (ind, source) in derived.indicators.iter().zip(&derived.sources) {
        if ind.framework_id.is_some() {
            continue;
        }
        let Some((fi, fid)) = framework_match(reg, region, &ind.id, &ind.name) else {
            continue;
        };
        let d = Diagnostic::warning(
            &page.src,
            format!(
                "показатель {} совпадает с показателем {} регионального перечня: укажите framework_id: {fid}",
                ind.id, fi.id
            ),
        )
        .hint(format!(
            "названия совпадают (без учёта регистра, ё/е, пробелов и знаков препинания); без framework_id значение показателя {} не попадёт в сводную таблицу региона по показателю {}",
            ind.id, fi.id
        ));
        diags.push(match source {
            Source::Item(i) => {
                let at = page
                    .locate_path(&format!("indicators[{i}].name"))
                    .or_else(|| page.locate_path(&format!("indicators[{i}]")));
                d.at_opt(at)
                    .snippet(at.map(|a| page.line_at(a)).unwrap_or_default())
            }
            Source::Row(row) => in_table(page, d, *row),
        });
    }
}
