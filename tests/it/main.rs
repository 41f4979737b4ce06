//! Integration tests of the `metodist` binary: every test copies or writes a site into a
//! fresh temporary folder and runs the real binary against it.

mod util;

mod atomic;
mod bad_input;
mod basic;
mod check;
mod hostile;
mod import;
mod import_hostile;
mod incremental;
mod indicator_files;
mod indicators;
mod new;
mod schema;
mod serve;
mod smoke_fuzz;
mod xss;
