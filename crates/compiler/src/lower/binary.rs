//! Bit syntax: constructing binaries (OTP 24's `bs_init2`/`bs_put_*`/`bs_append` and OTP 25's
//! `bs_create_bin`) and matching them (`bs_start_match*`, `bs_get_*`, `bs_skip_*`, ...).
//!
//! Every operation is a runtime call (`wat/binary.wat`); construction writes through the
//! runtime's current-binary cursor, which `bs_init*`/`bs_append` set. Sizes are computed in
//! bits as i64, -1 meaning an invalid size (or, for `binary`, "all that remains").

use beam::{Instruction, Int, Opcode, Operand, Term};
use wasm_encoder::{BlockType, ValType};

use super::FnCx;
use crate::codegen::TERM;
use crate::diagnostic::Diagnostic;

/// Segment types of `bs_create_bin`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seg {
    Integer,
    Float,
    Binary,
    Utf8,
    Utf16,
    Utf32,
    String,
    Append,
    PrivateAppend,
}

impl FnCx<'_, '_> {
    /// Lowers a bit-syntax instruction; with a fail label it leaves non-zero on success.
    pub(super) fn binary(&mut self, ins: &Instruction, fail: Option<u32>) -> Result<(), Diagnostic> {
        use Opcode::*;
        let a = ins.args.as_slice();
        match (ins.op, a) {
            // ---- construction, OTP 24 ----
            (BsInit2, [_, size, _, _, _, dst]) => self.value_call("bs_init_bytes", &[size.clone()], fail, dst),
            (BsInitBits, [_, size, _, _, _, dst]) => self.value_call("bs_init_bits", &[size.clone()], fail, dst),
            (BsPutInteger | BsPutFloat, [_, size, Operand::Unsigned(unit), flags, src]) => {
                let f = if ins.op == BsPutInteger { "bs_put_integer" } else { "bs_put_float" };
                self.push(src)?;
                self.bits(size, *unit as u32)?;
                let flags = self.flags(flags)?;
                self.s().i32_const(flags);
                self.call_rt(f)?;
                self.ok_or_badarg(fail)
            }
            (BsPutBinary, [_, size, Operand::Unsigned(unit), _, src]) => {
                self.push(src)?;
                self.bits(size, *unit as u32)?;
                self.s().i32_const(*unit as i32);
                self.call_rt("bs_put_binary")?;
                self.ok_or_badarg(fail)
            }
            (BsPutString, [Operand::Unsigned(len), Operand::Unsigned(off)]) => {
                self.push_strings()?;
                self.s().i32_const(*off as i32).i32_const(*len as i32);
                self.call_rt("bs_put_bytes")
            }
            (BsPutUtf8, [_, _, src]) => {
                self.push(src)?;
                self.call_rt("bs_put_utf8")?;
                self.ok_or_badarg(fail)
            }
            (BsPutUtf16 | BsPutUtf32, [_, flags, src]) => {
                let f = if ins.op == BsPutUtf16 { "bs_put_utf16" } else { "bs_put_utf32" };
                self.push(src)?;
                let flags = self.flags(flags)?;
                self.s().i32_const(flags);
                self.call_rt(f)?;
                self.ok_or_badarg(fail)
            }
            (BsAdd, [_, x, y, Operand::Unsigned(unit), dst]) => {
                let (x, y) = (x.clone(), y.clone());
                self.push(&x)?;
                self.push(&y)?;
                self.s().i32_const(*unit as i32);
                self.call_fallible("bs_add", fail, dst)
            }
            (BsUtf8Size, [_, src, dst]) => self.value_call("bs_utf8_size", &[src.clone()], fail, dst),
            (BsUtf16Size, [_, src, dst]) => self.value_call("bs_utf16_size", &[src.clone()], fail, dst),
            (BsAppend, [_, size, _, _, Operand::Unsigned(unit), bin, _, dst]) => {
                self.push(bin)?;
                self.bits(size, 1)?;
                self.s().i32_const(*unit as i32);
                self.call_fallible("bs_append", fail, dst)
            }
            (BsPrivateAppend, [_, size, Operand::Unsigned(unit), bin, _, dst]) => {
                self.push(bin)?;
                self.bits(size, 1)?;
                self.s().i32_const(*unit as i32);
                self.call_fallible("bs_private_append", fail, dst)
            }
            (BsInitWritable, []) => {
                self.s().local_get(0);
                self.call_rt("bs_init_writable")?;
                self.s().local_set(0);
                Ok(())
            }
            // ---- construction, OTP 25 ----
            (BsCreateBin, [_, _, _, Operand::Unsigned(_unit), dst, Operand::List(segs)]) => self.create_bin(segs, fail, dst),
            // ---- matching ----
            (BsStartMatch4, [_, _, src, dst]) => self.value_call("bs_start_match", &[src.clone()], fail, dst),
            (BsStartMatch3, [_, src, _, dst]) => self.value_call("bs_start_match", &[src.clone()], fail, dst),
            (BsStartMatch2, [_, src, _, _, dst]) => self.value_call("bs_start_match", &[src.clone()], fail, dst),
            (BsGetInteger2 | BsGetFloat2, [_, ctx, _, size, Operand::Unsigned(unit), flags, dst]) => {
                let f = if ins.op == BsGetInteger2 { "bs_get_integer" } else { "bs_get_float" };
                self.push(ctx)?;
                self.bits(size, *unit as u32)?;
                let flags = self.flags(flags)?;
                self.s().i32_const(flags);
                self.call_fallible(f, fail, dst)
            }
            (BsGetBinary2, [_, ctx, _, size, Operand::Unsigned(unit), _, dst]) => {
                self.push(ctx)?;
                self.bits(size, *unit as u32)?;
                self.s().i32_const(*unit as i32);
                self.call_fallible("bs_get_binary", fail, dst)
            }
            (BsSkipBits2, [_, ctx, size, Operand::Unsigned(unit), _]) => {
                self.push(ctx)?;
                self.bits(size, *unit as u32)?;
                self.s().i32_const(*unit as i32);
                self.call_rt("bs_skip_bits")?;
                self.ok_or_badarg(fail)
            }
            (BsTestTail2, [_, ctx, Operand::Unsigned(bits)]) => {
                self.push(ctx)?;
                self.s().i64_const(*bits as i64);
                self.call_rt("bs_test_tail")?;
                self.ok_or_badarg(fail)
            }
            (BsTestUnit, [_, ctx, Operand::Unsigned(unit)]) => {
                self.push(ctx)?;
                self.s().i32_const(*unit as i32);
                self.call_rt("bs_test_unit")?;
                self.ok_or_badarg(fail)
            }
            (BsMatchString, [_, ctx, Operand::Unsigned(bits), Operand::Unsigned(off)]) => {
                self.push(ctx)?;
                self.push_strings()?;
                self.s().i32_const(*off as i32).i64_const(*bits as i64);
                self.call_rt("bs_match_string")?;
                self.ok_or_badarg(fail)
            }
            (BsGetUtf8, [_, ctx, _, _, dst]) => self.value_call("bs_get_utf8", &[ctx.clone()], fail, dst),
            (BsGetUtf16 | BsGetUtf32, [_, ctx, _, flags, dst]) => {
                let f = if ins.op == BsGetUtf16 { "bs_get_utf16" } else { "bs_get_utf32" };
                self.push(ctx)?;
                let flags = self.flags(flags)?;
                self.s().i32_const(flags);
                self.call_fallible(f, fail, dst)
            }
            (BsSkipUtf8, [_, ctx, _, _]) => {
                self.push(ctx)?;
                self.call_rt("bs_skip_utf8")?;
                self.ok_or_badarg(fail)
            }
            (BsSkipUtf16 | BsSkipUtf32, [_, ctx, _, flags]) => {
                let f = if ins.op == BsSkipUtf16 { "bs_skip_utf16" } else { "bs_skip_utf32" };
                self.push(ctx)?;
                let flags = self.flags(flags)?;
                self.s().i32_const(flags);
                self.call_rt(f)?;
                self.ok_or_badarg(fail)
            }
            (BsGetTail, [ctx, dst, _]) => {
                self.push(ctx)?;
                self.call_rt("bs_get_tail")?;
                self.store(dst)
            }
            (BsGetPosition, [ctx, dst, _]) => {
                self.push(ctx)?;
                self.call_rt("bs_get_position")?;
                self.store(dst)
            }
            (BsSetPosition, [ctx, pos]) => {
                self.push(ctx)?;
                self.push(pos)?;
                self.call_rt("bs_set_position")
            }
            (BsContextToBinary, _) => Ok(()),
            (op, _) => Err(self.bad(format!("malformed or unsupported {}", op.name()))),
        }
    }

    /// Pushes the module's string table (a literal binary).
    fn push_strings(&mut self) -> Result<(), Diagnostic> {
        let strings = self.m.beam.strings.clone();
        self.push_term(&Term::Binary(strings))
    }

    /// Pushes a segment size in bits (i64) from a size operand and unit; `all` is -1, an
    /// invalid size is -2 (the runtime fails on it).
    fn bits(&mut self, size: &Operand, unit: u32) -> Result<(), Diagnostic> {
        match size {
            Operand::Integer(Int::Small(n)) => {
                let bits = if *n < 0 { -2 } else { n.saturating_mul(i64::from(unit)) };
                self.s().i64_const(bits);
            }
            Operand::Unsigned(n) => {
                self.s().i64_const((*n as i64).saturating_mul(i64::from(unit)));
            }
            Operand::Atom(a) if self.m.atom(*a) == "all" => {
                self.s().i64_const(-1);
            }
            Operand::Atom(_) | Operand::Nil => {
                self.s().i64_const(-1);
            }
            _ => {
                self.push(size)?;
                self.s().i32_const(unit as i32);
                self.call_rt("bs_seg_size")?;
            }
        }
        Ok(())
    }

    /// The flags bitmask of a flags operand (`little` 2, `signed` 4, `native` 16).
    fn flags(&self, op: &Operand) -> Result<i32, Diagnostic> {
        let of_atom = |a: &str| match a {
            "little" => 2,
            "signed" => 4,
            "native" => 16,
            _ => 0,
        };
        Ok(match op {
            Operand::Unsigned(n) => *n as i32,
            Operand::Nil => 0,
            Operand::Literal(i) => match self.m.beam.literals.get(*i as usize) {
                Some(Term::List { elems, .. }) => {
                    elems.iter().map(|t| if let Term::Atom(a) = t { of_atom(a) } else { 0 }).fold(0, |x, y| x | y)
                }
                _ => 0,
            },
            Operand::List(items) => items.iter().map(|t| if let Operand::Atom(a) = t { of_atom(self.m.atom(*a)) } else { 0 }).fold(0, |x, y| x | y),
            _ => 0,
        })
    }

    /// The runtime function's i32 result: with a fail label it is the condition; without,
    /// zero raises badarg.
    fn ok_or_badarg(&mut self, fail: Option<u32>) -> Result<(), Diagnostic> {
        if fail.is_none() {
            self.s().i32_eqz().if_(BlockType::Empty);
            self.call_rt("raise_badarg")?;
            self.s().unreachable().end();
        }
        Ok(())
    }

    /// Calls a fallible runtime function whose arguments are `args` and stores its value.
    fn value_call(&mut self, name: &str, args: &[Operand], fail: Option<u32>, dst: &Operand) -> Result<(), Diagnostic> {
        for a in args {
            self.push(a)?;
        }
        self.call_fallible(name, fail, dst)
    }

    /// Calls a fallible runtime function (arguments already pushed) and stores its value in
    /// `dst`; with a fail label leaves the success condition, else raises on failure.
    fn call_fallible(&mut self, name: &str, fail: Option<u32>, dst: &Operand) -> Result<(), Diagnostic> {
        let fail_g = self.rtg("FAIL")?;
        self.call_rt(name)?;
        let t = self.temp(TERM);
        self.s().local_tee(t).global_get(fail_g).ref_eq();
        if fail.is_some() {
            let ok = self.temp(ValType::I32);
            self.s().i32_eqz().local_tee(ok).if_(BlockType::Empty).local_get(t);
            self.store(dst)?;
            self.s().end().local_get(ok);
            self.free(ValType::I32, ok);
        } else {
            self.s().if_(BlockType::Empty);
            self.call_rt("raise_fail_reason")?;
            self.s().unreachable().end().local_get(t);
            self.store(dst)?;
        }
        self.free(TERM, t);
        Ok(())
    }

    /// OTP 25's `bs_create_bin`: size every segment, allocate (or append), then write each.
    fn create_bin(&mut self, ops: &[Operand], fail: Option<u32>, dst: &Operand) -> Result<(), Diagnostic> {
        let mut segs = Vec::new();
        for chunk in ops.chunks(6) {
            let [ty, _, unit, flags, src, size] = chunk else { return Err(self.bad("malformed bs_create_bin segment".into())) };
            let kind = match ty {
                Operand::Atom(a) => match self.m.atom(*a) {
                    "integer" => Seg::Integer,
                    "float" => Seg::Float,
                    "binary" => Seg::Binary,
                    "utf8" => Seg::Utf8,
                    "utf16" => Seg::Utf16,
                    "utf32" => Seg::Utf32,
                    "string" => Seg::String,
                    "append" => Seg::Append,
                    "private_append" => Seg::PrivateAppend,
                    other => return Err(self.bad(format!("unknown bs_create_bin segment type {other}"))),
                },
                _ => return Err(self.bad("malformed bs_create_bin segment type".into())),
            };
            let unit = match unit {
                Operand::Unsigned(u) => *u as u32,
                _ => 1,
            };
            segs.push((kind, unit, self.flags(flags)?, src.clone(), size.clone()));
        }
        let total = self.temp(ValType::I64);
        let part = self.temp(ValType::I64);
        let bad = self.temp(ValType::I32);
        self.s().i64_const(0).local_set(total).i32_const(0).local_set(bad);
        // Sizes.
        for (kind, unit, _, src, size) in &segs {
            match kind {
                Seg::Append | Seg::PrivateAppend => continue,
                Seg::String => {
                    let len = const_int(size).unwrap_or(0);
                    self.s().local_get(total).i64_const(len * 8).i64_add().local_set(total);
                    continue;
                }
                Seg::Utf8 | Seg::Utf16 | Seg::Utf32 => {
                    let f = match kind {
                        Seg::Utf8 => "bs_utf8_bits",
                        Seg::Utf16 => "bs_utf16_bits",
                        _ => "bs_utf32_bits",
                    };
                    self.push(src)?;
                    self.call_rt(f)?;
                }
                Seg::Binary => {
                    let is_all = matches!(size, Operand::Atom(a) if self.m.atom(*a) == "all");
                    if is_all {
                        self.push(src)?;
                        self.s().i32_const(*unit as i32);
                        self.call_rt("bs_all_bits")?;
                    } else {
                        self.bits(size, *unit)?;
                    }
                }
                Seg::Integer | Seg::Float => self.bits(size, *unit)?,
            }
            self.s().local_tee(part).i64_const(0).i64_lt_s().local_get(bad).i32_or().local_set(bad);
            self.s().local_get(total).local_get(part).i64_add().local_set(total);
        }
        // Allocation: a fresh binary, or the first segment appended to.
        let t = self.temp(TERM);
        let fail_g = self.rtg("FAIL")?;
        self.s().block(BlockType::Result(ValType::I32));
        self.s().i32_const(0).local_get(bad).br_if(0).drop();
        let first = segs.first().map(|s| s.0);
        let skip = usize::from(matches!(first, Some(Seg::Append | Seg::PrivateAppend)));
        if let Some((kind, unit, _, src, _)) = segs.first().filter(|_| skip == 1) {
            self.push(src)?;
            self.s().local_get(total).i32_const(*unit as i32);
            self.call_rt(if *kind == Seg::Append { "bs_append" } else { "bs_private_append" })?;
            self.s().local_set(t);
            self.s().i32_const(0).local_get(t).global_get(fail_g).ref_eq().br_if(0).drop();
        } else {
            self.s().local_get(total);
            self.call_rt("bs_alloc_bits")?;
            self.s().local_set(t);
        }
        // Writes.
        for (kind, unit, flags, src, size) in segs.iter().skip(skip) {
            self.s().i32_const(0);
            match kind {
                Seg::Integer | Seg::Float => {
                    self.push(src)?;
                    self.bits(size, *unit)?;
                    self.s().i32_const(*flags);
                    self.call_rt(if *kind == Seg::Integer { "bs_put_integer" } else { "bs_put_float" })?;
                }
                Seg::Binary => {
                    self.push(src)?;
                    let is_all = matches!(size, Operand::Atom(a) if self.m.atom(*a) == "all");
                    if is_all {
                        self.s().i64_const(-1);
                    } else {
                        self.bits(size, *unit)?;
                    }
                    self.s().i32_const(*unit as i32);
                    self.call_rt("bs_put_binary")?;
                }
                Seg::Utf8 => {
                    self.push(src)?;
                    self.call_rt("bs_put_utf8")?;
                }
                Seg::Utf16 | Seg::Utf32 => {
                    self.push(src)?;
                    self.s().i32_const(*flags);
                    self.call_rt(if *kind == Seg::Utf16 { "bs_put_utf16" } else { "bs_put_utf32" })?;
                }
                Seg::String => {
                    let (off, len) = (const_int(src).unwrap_or(0) as i32, const_int(size).unwrap_or(0) as i32);
                    self.push_strings()?;
                    self.s().i32_const(off).i32_const(len);
                    self.call_rt("bs_put_bytes")?;
                    self.s().i32_const(1);
                }
                Seg::Append | Seg::PrivateAppend => {
                    self.s().i32_const(1);
                }
            }
            self.s().i32_eqz().br_if(0).drop();
        }
        self.s().i32_const(1).end();
        if fail.is_some() {
            let ok = self.temp(ValType::I32);
            self.s().local_tee(ok).if_(BlockType::Empty).local_get(t);
            self.store(dst)?;
            self.s().end().local_get(ok);
            self.free(ValType::I32, ok);
        } else {
            self.s().i32_eqz().if_(BlockType::Empty);
            self.call_rt("raise_badarg")?;
            self.s().unreachable().end().local_get(t);
            self.store(dst)?;
        }
        self.free(TERM, t);
        self.free(ValType::I64, total);
        self.free(ValType::I64, part);
        self.free(ValType::I32, bad);
        Ok(())
    }
}

/// The value of a constant integer operand (`u`- or `i`-tagged).
fn const_int(op: &Operand) -> Option<i64> {
    match op {
        Operand::Unsigned(n) => i64::try_from(*n).ok(),
        Operand::Integer(Int::Small(n)) => Some(*n),
        _ => None,
    }
}
