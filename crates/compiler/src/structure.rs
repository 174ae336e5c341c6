//! Turns a function's control-flow graph into WebAssembly's structured control flow.
//!
//! Expects: a [`Cfg`] whose block 0 is the root and whose graph is reducible (every
//! backward edge goes to a block that dominates its source; the BEAM compiler's code
//! always is, its only loops being receive loops). Guarantees: a tree of [`Node`]s in which
//! every jump is a `br` to an enclosing `block` (forward) or `loop` (backward), each block's
//! code appears exactly once, and a block with a single forward predecessor is nested
//! inside it.
//!
//! The algorithm is the dominator-tree translation of Ramsey's "Beyond Relooper" (ICFP
//! 2022): a block's dominator-tree children that are *merge nodes* (two or more forward
//! predecessors, or targets of a `br_table`) follow it inside nested `block`s, ordered by
//! reverse postorder; every other child is emitted where its one predecessor branches to it.

use crate::HashMap;

use crate::cfg::{BlockId, Cfg, Terminator};

/// Structured code, as a flat sequence: constructs open with [`Node::Block`],
/// [`Node::Loop`] or [`Node::If`] and close with [`Node::End`] (an `if` may have one
/// [`Node::Else`]). Flat, so that emitting deeply nested code needs no recursion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// Opens a `block`.
    Block,
    /// Opens a `loop`.
    Loop,
    /// Opens an `if` on the i32 the preceding [`Node::Code`] left.
    If,
    /// The `else` of the innermost `if`.
    Else,
    /// Closes the innermost construct.
    End,
    /// The instructions of a CFG block, ending with what its terminator needs on the stack.
    Code(BlockId),
    /// `br` to the enclosing construct this many levels out.
    Br(u32),
    /// `i32.eqz; br_if` this many levels out: taken when the condition is zero.
    BrUnless(u32),
    /// `br_if` this many levels out: taken when the condition is non-zero.
    BrIf(u32),
    /// `br_table` over the given depths, the last being the default.
    BrTable(Vec<u32>),
    /// Pushes `$entry` (the dispatch index).
    EntryIndex,
    /// Sets `$entry` to a dispatch index.
    SetEntry(u32),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    LoopHeadedBy(BlockId),
    BlockFollowedBy(BlockId),
    IfThenElse,
}

struct Graph<'a> {
    cfg: &'a Cfg,
    rpo: HashMap<BlockId, usize>,
    children: HashMap<BlockId, Vec<BlockId>>,
    merge: Vec<bool>,
    loop_header: Vec<bool>,
}

/// Structures the reachable part of `cfg`, starting at its root. Irreducible graphs (a
/// resume point inside a loop, which only hand-written assembly has) fall back to
/// [`dispatch_loop`].
pub fn structure(cfg: &Cfg) -> Vec<Node> {
    match Graph::new(cfg) {
        Ok(g) => {
            let mut ctx = Vec::new();
            let mut out = Vec::new();
            g.do_tree(0, &mut ctx, &mut out);
            out
        }
        Err(_) => dispatch_loop(cfg),
    }
}

/// The general form for any graph: a loop around a `br_table` on `$entry` over every
/// block; each jump sets `$entry` and goes back to the top. The first indices are the
/// CFG's own dispatch entries, so resume points keep their indices.
pub fn dispatch_loop(cfg: &Cfg) -> Vec<Node> {
    // Every block reachable from the entries, entries first.
    let mut order: Vec<BlockId> = Vec::new();
    let mut index: HashMap<BlockId, u32> = HashMap::default();
    let mut starts: Vec<BlockId> = cfg.entries.clone();
    if starts.is_empty() {
        if let Some(Terminator::Goto(e)) = cfg.blocks.first().map(|b| &b.term) {
            starts.push(*e);
        }
    }
    let mut stack: Vec<BlockId> = starts.iter().rev().copied().collect();
    for &b in &starts {
        if let std::collections::hash_map::Entry::Vacant(v) = index.entry(b) {
            v.insert(order.len() as u32);
            order.push(b);
        }
    }
    while let Some(b) = stack.pop() {
        let succ = cfg.blocks.get(b).map(|blk| blk.term.successors()).unwrap_or_default();
        for t in succ {
            if let std::collections::hash_map::Entry::Vacant(v) = index.entry(t) {
                v.insert(order.len() as u32);
                order.push(t);
                stack.push(t);
            }
        }
    }
    let n = order.len() as u32;
    let mut out = vec![Node::Loop];
    out.extend(std::iter::repeat_n(Node::Block, n as usize));
    out.push(Node::EntryIndex);
    let mut table: Vec<u32> = (0..n).collect();
    table.push(n.saturating_sub(1));
    out.push(Node::BrTable(table));
    let go = |t: BlockId, depth: u32, out: &mut Vec<Node>| {
        out.push(Node::SetEntry(index.get(&t).copied().unwrap_or(0)));
        out.push(Node::Br(depth));
    };
    for (i, &b) in order.iter().enumerate() {
        out.push(Node::End);
        out.push(Node::Code(b));
        let top = n - 1 - i as u32;
        match cfg.blocks.get(b).map(|blk| &blk.term) {
            Some(Terminator::Goto(t) | Terminator::Call(t) | Terminator::WaitTimeout { next: t, .. }) => go(*t, top, &mut out),
            Some(Terminator::Branch { fail: no, next: yes } | Terminator::TimeoutCheck { expired: yes, retry: no }) => {
                out.push(Node::If);
                out.push(Node::SetEntry(index.get(yes).copied().unwrap_or(0)));
                out.push(Node::Else);
                out.push(Node::SetEntry(index.get(no).copied().unwrap_or(0)));
                out.push(Node::End);
                out.push(Node::Br(top));
            }
            Some(Terminator::Select(ts) | Terminator::Dispatch(ts)) => {
                let m = ts.len() as u32;
                out.extend(std::iter::repeat_n(Node::Block, m as usize));
                let mut t: Vec<u32> = (0..m).collect();
                t.push(m.saturating_sub(1));
                out.push(Node::BrTable(t));
                for (k, target) in ts.iter().enumerate() {
                    out.push(Node::End);
                    go(*target, top + (m - 1 - k as u32), &mut out);
                }
            }
            Some(Terminator::Suspend(_) | Terminator::Exit) | None => {}
        }
    }
    out.push(Node::End);
    out
}

impl<'a> Graph<'a> {
    fn new(cfg: &'a Cfg) -> Result<Graph<'a>, String> {
        let n = cfg.blocks.len();
        let succ = |b: BlockId| cfg.blocks.get(b).map(|blk| blk.term.successors()).unwrap_or_default();
        // Reverse postorder by an iterative depth-first search.
        let mut order = Vec::new();
        let mut visited = vec![false; n];
        let mut stack: Vec<(BlockId, usize)> = vec![(0, 0)];
        if let Some(v) = visited.get_mut(0) {
            *v = true;
        }
        while let Some((b, i)) = stack.pop() {
            let ss = succ(b);
            if let Some(&s) = ss.get(i) {
                stack.push((b, i + 1));
                if s < n && !visited.get(s).copied().unwrap_or(true) {
                    if let Some(v) = visited.get_mut(s) {
                        *v = true;
                    }
                    stack.push((s, 0));
                }
            } else {
                order.push(b);
            }
        }
        order.reverse();
        let rpo: HashMap<BlockId, usize> = order.iter().enumerate().map(|(i, &b)| (b, i)).collect();
        let mut preds: HashMap<BlockId, Vec<BlockId>> = HashMap::default();
        for &b in &order {
            for s in succ(b) {
                preds.entry(s).or_default().push(b);
            }
        }
        // Dominators: Cooper, Harvey and Kennedy's iterative algorithm.
        let mut idom: HashMap<BlockId, BlockId> = HashMap::default();
        idom.insert(0, 0);
        let mut changed = true;
        while changed {
            changed = false;
            for &b in order.iter().skip(1) {
                let mut new: Option<BlockId> = None;
                for &p in preds.get(&b).map(Vec::as_slice).unwrap_or_default() {
                    if !idom.contains_key(&p) {
                        continue;
                    }
                    new = Some(match new {
                        None => p,
                        Some(cur) => intersect(&idom, &rpo, p, cur),
                    });
                }
                if let Some(nd) = new {
                    if idom.get(&b) != Some(&nd) {
                        idom.insert(b, nd);
                        changed = true;
                    }
                }
            }
        }
        let mut children: HashMap<BlockId, Vec<BlockId>> = HashMap::default();
        for &b in order.iter().skip(1) {
            if let Some(&d) = idom.get(&b) {
                children.entry(d).or_default().push(b);
            }
        }
        let mut merge = vec![false; n];
        let mut loop_header = vec![false; n];
        for &b in &order {
            let rb = rpo.get(&b).copied().unwrap_or(0);
            let term = cfg.blocks.get(b).map(|blk| &blk.term);
            let multiway = matches!(term, Some(Terminator::Select(_)) | Some(Terminator::Dispatch(_)));
            for s in succ(b) {
                let rs = rpo.get(&s).copied().unwrap_or(0);
                if rs <= rb {
                    // A backward edge: its target must dominate its source.
                    if !dominates(&idom, s, b) {
                        return Err(format!("irreducible control flow at block {s}"));
                    }
                    if let Some(h) = loop_header.get_mut(s) {
                        *h = true;
                    }
                } else if multiway {
                    if let Some(m) = merge.get_mut(s) {
                        *m = true;
                    }
                }
            }
        }
        for (&b, ps) in &preds {
            let rb = rpo.get(&b).copied().unwrap_or(0);
            let forward = ps.iter().filter(|p| rpo.get(p).copied().unwrap_or(0) < rb).count();
            if forward >= 2 {
                if let Some(m) = merge.get_mut(b) {
                    *m = true;
                }
            }
        }
        Ok(Graph { cfg, rpo, children, merge, loop_header })
    }

    fn is_merge(&self, b: BlockId) -> bool {
        self.merge.get(b).copied().unwrap_or(false)
    }

    fn rpo(&self, b: BlockId) -> usize {
        self.rpo.get(&b).copied().unwrap_or(usize::MAX)
    }

    fn do_tree(&self, x: BlockId, ctx: &mut Vec<Ctx>, out: &mut Vec<Node>) {
        let mut merges: Vec<BlockId> =
            self.children.get(&x).map(|c| c.iter().copied().filter(|&c| self.is_merge(c)).collect()).unwrap_or_default();
        // Highest reverse-postorder number first: it is the outermost block, emitted last.
        merges.sort_by_key(|&b| std::cmp::Reverse(self.rpo(b)));
        let header = self.loop_header.get(x).copied().unwrap_or(false);
        if header {
            ctx.push(Ctx::LoopHeadedBy(x));
            out.push(Node::Loop);
        }
        self.node_within(x, &merges, ctx, out);
        if header {
            ctx.pop();
            out.push(Node::End);
        }
    }

    /// `x`'s code inside one block per merge child, each child's code after its block.
    fn node_within(&self, x: BlockId, ys: &[BlockId], ctx: &mut Vec<Ctx>, out: &mut Vec<Node>) {
        for &y in ys {
            ctx.push(Ctx::BlockFollowedBy(y));
            out.push(Node::Block);
        }
        out.push(Node::Code(x));
        self.terminator(x, ctx, out);
        for &y in ys.iter().rev() {
            ctx.pop();
            out.push(Node::End);
            self.do_tree(y, ctx, out);
        }
    }

    fn terminator(&self, x: BlockId, ctx: &mut Vec<Ctx>, out: &mut Vec<Node>) {
        let Some(block) = self.cfg.blocks.get(x) else { return };
        match &block.term {
            Terminator::Goto(t) | Terminator::Call(t) => self.branch(x, *t, ctx, out),
            Terminator::Branch { fail, next } => self.two_way(x, *next, *fail, ctx, out),
            // The code of a wait_timeout block suspends and returns unless the timeout
            // has already passed; what follows it is the timeout clause.
            Terminator::WaitTimeout { next, .. } => self.branch(x, *next, ctx, out),
            Terminator::TimeoutCheck { expired, retry } => self.two_way(x, *expired, *retry, ctx, out),
            Terminator::Select(ts) | Terminator::Dispatch(ts) => {
                let depths = ts.iter().map(|&t| self.depth_of(x, t, ctx)).collect();
                out.push(Node::BrTable(depths));
            }
            Terminator::Suspend(_) | Terminator::Exit => {}
        }
    }

    /// A conditional: non-zero goes to `yes`, zero to `no`.
    fn two_way(&self, x: BlockId, yes: BlockId, no: BlockId, ctx: &mut Vec<Ctx>, out: &mut Vec<Node>) {
        if self.is_jump(x, no) {
            out.push(Node::BrUnless(self.depth_of(x, no, ctx)));
            self.branch(x, yes, ctx, out);
        } else if self.is_jump(x, yes) {
            out.push(Node::BrIf(self.depth_of(x, yes, ctx)));
            self.branch(x, no, ctx, out);
        } else {
            ctx.push(Ctx::IfThenElse);
            out.push(Node::If);
            self.branch(x, yes, ctx, out);
            out.push(Node::Else);
            self.branch(x, no, ctx, out);
            out.push(Node::End);
            ctx.pop();
        }
    }

    /// Whether going from `x` to `t` is a `br` rather than inlining `t`.
    fn is_jump(&self, x: BlockId, t: BlockId) -> bool {
        self.rpo(t) <= self.rpo(x) || self.is_merge(t)
    }

    fn branch(&self, x: BlockId, t: BlockId, ctx: &mut Vec<Ctx>, out: &mut Vec<Node>) {
        if self.is_jump(x, t) {
            out.push(Node::Br(self.depth_of(x, t, ctx)));
        } else {
            self.do_tree(t, ctx, out);
        }
    }

    /// The `br` depth that reaches `t` from inside `ctx`.
    fn depth_of(&self, x: BlockId, t: BlockId, ctx: &[Ctx]) -> u32 {
        let want = if self.rpo(t) <= self.rpo(x) { Ctx::LoopHeadedBy(t) } else { Ctx::BlockFollowedBy(t) };
        ctx.iter().rev().position(|c| *c == want).map_or(u32::MAX, |d| d as u32)
    }
}

fn intersect(idom: &HashMap<BlockId, BlockId>, rpo: &HashMap<BlockId, usize>, a: BlockId, b: BlockId) -> BlockId {
    let r = |x: BlockId| rpo.get(&x).copied().unwrap_or(0);
    let (mut a, mut b) = (a, b);
    while a != b {
        while r(a) > r(b) {
            a = idom.get(&a).copied().unwrap_or(0);
        }
        while r(b) > r(a) {
            b = idom.get(&b).copied().unwrap_or(0);
        }
    }
    a
}

fn dominates(idom: &HashMap<BlockId, BlockId>, d: BlockId, mut b: BlockId) -> bool {
    loop {
        if b == d {
            return true;
        }
        match idom.get(&b) {
            Some(&p) if p != b => b = p,
            _ => return false,
        }
    }
}
