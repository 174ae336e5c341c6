//! Helpers shared by the reader's integration tests.

pub mod installed;
