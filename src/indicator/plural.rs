//! Russian plural forms live in [`crate::ru`]; indicator code names them from here.

pub use crate::ru::plural;
