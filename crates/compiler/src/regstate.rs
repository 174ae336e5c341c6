//! What the forward analyses over BEAM registers share: a map from register to what is
//! known of it, and the moves every such analysis makes alike.
//!
//! Expects: a register absent from the map holds nothing known ("anything").
//! Guarantees: each function below only forgets or moves what is known, never invents it.

use beam::{Operand, Register};

use crate::HashMap;

/// What an analysis knows of each register; absent: nothing.
pub type Regs<V> = HashMap<Register, V>;

/// `o` (a register, or a list of them) now holds nothing known.
pub fn kill<V>(s: &mut Regs<V>, o: &Operand) {
    match o {
        Operand::List(items) => items.iter().for_each(|x| kill(s, x)),
        _ => {
            if let Some(r) = o.register() {
                s.remove(&r);
            }
        }
    }
}

/// Every x register now holds nothing known (after a call).
pub fn kill_x<V>(s: &mut Regs<V>) {
    s.retain(|r, _| !matches!(r, Register::X(_)));
}

/// Every y register now holds nothing known (a new or released frame).
pub fn kill_y<V>(s: &mut Regs<V>) {
    s.retain(|r, _| !matches!(r, Register::Y(_)));
}

/// `swap A B`: what is known of each moves to the other.
pub fn swap<V>(s: &mut Regs<V>, a: &Operand, b: &Operand) {
    if let (Some(ra), Some(rb)) = (a.register(), b.register()) {
        let (va, vb) = (s.remove(&ra), s.remove(&rb));
        if let Some(v) = va {
            s.insert(rb, v);
        }
        if let Some(v) = vb {
            s.insert(ra, v);
        }
    }
}

/// `trim N _` drops the frame's first N slots: y(i + N) becomes y(i).
pub fn trim<V>(s: &mut Regs<V>, n: u32) {
    for (r, v) in std::mem::take(s) {
        match r {
            Register::Y(i) if i >= n => {
                s.insert(Register::Y(i - n), v);
            }
            Register::Y(_) => {}
            other => {
                s.insert(other, v);
            }
        }
    }
}
