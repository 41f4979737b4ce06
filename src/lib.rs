//! metodist: генератор статических сайтов для методических служб.
//!
//! The pipeline is `load -> parse -> validate -> derive -> render -> search -> write`;
//! each stage is a module and data only flows forward. [`build::build`] runs it.

// A `Diagnostic` is an error value carried to the user, made at most once per problem;
// boxing it would only add noise at every `?`.
#![allow(clippy::result_large_err)]

pub mod accountability;
pub mod activity;
pub mod archive;
pub mod attach;
pub mod body;
pub mod build;
pub mod cli;
pub mod config;
pub mod confine;
pub mod derive;
pub mod diag;
pub mod import;
pub mod incremental;
pub mod indicator;
pub mod load;
pub mod markdown;
pub mod model;
pub mod parse;
pub mod render;
pub mod ru;
pub mod sanitize;
pub mod search;
pub mod serve;
pub mod sniff;
pub mod term;
pub mod url;
pub mod validate;
pub mod write;
