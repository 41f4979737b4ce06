//! Integration tests of the `metodist` binary: every test copies or writes a site into a
//! fresh temporary folder and runs the real binary against it.

mod util;

mod atomic;
mod basic;
mod check;
mod new;
mod schema;
mod serve;
