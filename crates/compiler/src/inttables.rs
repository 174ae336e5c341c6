//! The program's integer tables: sorted rows of i32s that runtime searches read (the
//! (key, case) pairs of a large `select_val`, the triples of `erlang:function_exported/3`),
//! encoded in one passive data segment whose tables are decoded on first use (`wat/fregs.wat`).
//!
//! Expects: rows sorted by their first column (the searches are binary). Guarantees: a
//! segment of a u32 LE total length, then LEB128 numbers — the table count, and per table
//! its row width, its row count and its rows, the first column as the signed difference
//! from the previous row's first column, the other columns signed. Sorted keys make the
//! differences small: a table of code points takes a byte or two per key where a constant
//! array or a binary of little-endian words took four.

use crate::HashMap;
use crate::literals::{sleb, uleb};

/// The tables, in index order.
#[derive(Default)]
pub struct IntTables {
    tables: Vec<(u32, Vec<i32>)>,
    index: HashMap<(u32, Vec<i32>), u32>,
}

impl IntTables {
    /// The index of the table of rows of `width` values (`values` row after row), adding it
    /// if new.
    pub fn add(&mut self, width: u32, values: Vec<i32>) -> u32 {
        let key = (width.max(1), values);
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.tables.len() as u32;
        self.tables.push(key.clone());
        self.index.insert(key, i);
        i
    }

    /// The data segment.
    pub fn segment(&self) -> Vec<u8> {
        let mut body = Vec::new();
        uleb(self.tables.len() as u64, &mut body);
        for (width, values) in &self.tables {
            let w = *width as usize;
            uleb(u64::from(*width), &mut body);
            uleb((values.len() / w) as u64, &mut body);
            let mut prev = 0i64;
            for row in values.chunks(w) {
                for (c, &v) in row.iter().enumerate() {
                    if c == 0 {
                        sleb(i64::from(v) - prev, &mut body);
                        prev = i64::from(v);
                    } else {
                        sleb(i64::from(v), &mut body);
                    }
                }
            }
        }
        let mut seg = Vec::with_capacity(body.len() + 4);
        seg.extend_from_slice(&((body.len() + 4) as u32).to_le_bytes());
        seg.extend_from_slice(&body);
        seg
    }
}
