//! Integration tests of the `metodist` binary: every test copies or writes a site into a
//! fresh temporary folder and runs the real binary against it.

#[path = "../common/prereq.rs"]
mod prereq;
mod util;

mod atomic;
mod attachments;
mod bad_input;
mod basic;
mod chart;
mod check;
mod cli;
mod code_and_addresses;
mod favicon;
mod framework_names;
mod hostile;
mod import;
mod import_hostile;
mod incremental;
mod indicator_files;
mod indicators;
mod limits;
mod new;
mod one_run;
mod output;
mod outside;
mod places;
mod results;
mod schema;
mod serve;
mod skips;
mod smoke_fuzz;
mod terminal;
mod urls;
mod values;
mod values_and_dates;
mod wrong_names;
mod wrong_numbers;
mod wrong_registries;
mod wrong_settings;
mod xss;
