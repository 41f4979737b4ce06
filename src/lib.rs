//! metodist: генератор статических сайтов для методических служб.
//!
//! The pipeline is `load -> parse -> validate -> derive -> render -> search -> write`;
//! each stage is a module and data only flows forward.

pub mod indicator;
