//! A small line-based unified diff, enough to show a person how two outputs differ.
//!
//! Common leading and trailing lines are stripped first; the rest is aligned by a longest
//! common subsequence when it is small enough, and shown as one replaced block otherwise.
//! Hunks carry three lines of context, as `diff -u` does.

use std::fmt::Write;

const CONTEXT: usize = 3;
/// Above this many cells the middle is shown as one replacement instead of aligned.
const MAX_LCS_CELLS: usize = 4_000_000;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Same(usize, usize),
    Del(usize),
    Add(usize),
}

/// Renders a unified diff from `old` (labelled `old_label`) to `new`, at most `max_lines`
/// lines of hunks. Returns an empty string when the inputs are equal.
pub fn unified(old: &[u8], new: &[u8], old_label: &str, new_label: &str, max_lines: usize) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&[u8]> = old.split_inclusive(|&b| b == b'\n').collect();
    let b: Vec<&[u8]> = new.split_inclusive(|&b| b == b'\n').collect();
    let ops = align(&a, &b);
    let mut out = format!("--- {old_label}\n+++ {new_label}\n");
    let mut printed = 0;
    let pos = positions(&ops);
    for hunk in hunks(&ops) {
        let (a0, b0) = pos[hunk.0];
        let (na, nb) = ops[hunk.0..hunk.1].iter().fold((0, 0), |(x, y), op| match op {
            Op::Same(..) => (x + 1, y + 1),
            Op::Del(_) => (x + 1, y),
            Op::Add(_) => (x, y + 1),
        });
        let _ = writeln!(out, "@@ -{} +{} @@", range(a0, na), range(b0, nb));
        for op in &ops[hunk.0..hunk.1] {
            if printed >= max_lines {
                let _ = writeln!(out, "[... diff cut after {max_lines} lines ...]");
                return out;
            }
            let (mark, line) = match *op {
                Op::Same(i, _) => (' ', a[i]),
                Op::Del(i) => ('-', a[i]),
                Op::Add(j) => ('+', b[j]),
            };
            push_line(&mut out, mark, line);
            printed += 1;
        }
    }
    out
}

fn push_line(out: &mut String, mark: char, line: &[u8]) {
    out.push(mark);
    match line.strip_suffix(b"\n") {
        Some(body) => {
            out.push_str(&String::from_utf8_lossy(body));
            out.push('\n');
        }
        None => {
            out.push_str(&String::from_utf8_lossy(line));
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
}

/// `diff -u` style range: 1-based start and count (start is the line before when empty).
fn range(start: usize, len: usize) -> String {
    match len {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{len}", start + 1),
    }
}

/// The 0-based positions in `a` and `b` reached just before `ops[k]`, for every `k`.
fn positions(ops: &[Op]) -> Vec<(usize, usize)> {
    let mut pos = Vec::with_capacity(ops.len());
    let (mut x, mut y) = (0, 0);
    for op in ops {
        pos.push((x, y));
        match op {
            Op::Same(..) => (x, y) = (x + 1, y + 1),
            Op::Del(_) => x += 1,
            Op::Add(_) => y += 1,
        }
    }
    pos
}

/// Groups edits with their context into `[start, end)` ranges of `ops`.
fn hunks(ops: &[Op]) -> Vec<(usize, usize)> {
    let changed: Vec<usize> = ops.iter().enumerate().filter(|(_, op)| !matches!(op, Op::Same(..))).map(|(i, _)| i).collect();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for i in changed {
        let start = i.saturating_sub(CONTEXT);
        let end = (i + 1 + CONTEXT).min(ops.len());
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => out.push((start, end)),
        }
    }
    out
}

/// Aligns two line lists into an edit script.
fn align(a: &[&[u8]], b: &[&[u8]]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<Op> = (0..prefix).map(|i| Op::Same(i, i)).collect();
    if ma.len().saturating_mul(mb.len()) <= MAX_LCS_CELLS {
        ops.extend(lcs(ma, mb).into_iter().map(|op| match op {
            Op::Same(i, j) => Op::Same(i + prefix, j + prefix),
            Op::Del(i) => Op::Del(i + prefix),
            Op::Add(j) => Op::Add(j + prefix),
        }));
    } else {
        ops.extend((0..ma.len()).map(|i| Op::Del(i + prefix)));
        ops.extend((0..mb.len()).map(|j| Op::Add(j + prefix)));
    }
    let (sa, sb) = (a.len() - suffix, b.len() - suffix);
    ops.extend((0..suffix).map(|k| Op::Same(sa + k, sb + k)));
    ops
}

/// Classic dynamic-programming LCS, fine for the small middles we meet.
fn lcs(a: &[&[u8]], b: &[&[u8]]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    let width = m + 1;
    let mut table = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let v = if a[i] == b[j] {
                table[(i + 1) * width + j + 1] + 1
            } else {
                table[(i + 1) * width + j].max(table[i * width + j + 1])
            };
            table[i * width + j] = v;
        }
    }
    let mut ops = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            ops.push(Op::Same(i, j));
            i += 1;
            j += 1;
        } else if table[(i + 1) * width + j] >= table[i * width + j + 1] {
            ops.push(Op::Del(i));
            i += 1;
        } else {
            ops.push(Op::Add(j));
            j += 1;
        }
    }
    ops.extend((i..n).map(Op::Del));
    ops.extend((j..m).map(Op::Add));
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_inputs_have_no_diff() {
        assert_eq!(unified(b"a\nb\n", b"a\nb\n", "x", "y", 100), "");
    }

    #[test]
    fn a_changed_line_shows_as_minus_plus_with_context() {
        let old = b"1\n2\n3\n4\n5\n6\n7\n8\n";
        let new = b"1\n2\n3\n4\nfive\n6\n7\n8\n";
        let d = unified(old, new, "beam", "beamwasm", 100);
        assert_eq!(d, "--- beam\n+++ beamwasm\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
    }

    #[test]
    fn missing_output_and_missing_newline_are_visible() {
        let d = unified(b"a\nb\n", b"a\nb", "beam", "beamwasm", 100);
        assert!(d.contains("-b\n+b\n\\ No newline at end of file"), "{d}");
        let d = unified(b"hello\n", b"", "beam", "beamwasm", 100);
        assert!(d.contains("@@ -1 +0,0 @@\n-hello\n"), "{d}");
    }

    #[test]
    fn long_diffs_are_cut() {
        let old: Vec<u8> = (0..500).flat_map(|i| format!("{i}\n").into_bytes()).collect();
        let d = unified(&old, b"", "a", "b", 20);
        assert!(d.contains("diff cut after 20 lines"));
        assert!(d.lines().count() < 30);
    }

    #[test]
    fn distant_changes_make_separate_hunks() {
        let old: Vec<u8> = (0..30).flat_map(|i| format!("{i}\n").into_bytes()).collect();
        let new: Vec<u8> = (0..30)
            .flat_map(|i| match i {
                3 => "x\n".to_string().into_bytes(),
                25 => "y\n".to_string().into_bytes(),
                _ => format!("{i}\n").into_bytes(),
            })
            .collect();
        let d = unified(&old, &new, "a", "b", 100);
        assert_eq!(d.matches("@@ -").count(), 2, "{d}");
    }
}
