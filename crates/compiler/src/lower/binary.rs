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

    /// OTP 25's `bs_create_bin`: size every segment, allocate (or append), then write each,
    /// checking in the VM's order (`emit_i_bs_create_bin`): the computed sizes first, then
    /// each write. Without a fail label the first failure raises the VM's error info
    /// (`bs_create_error` in bits.wat); with one, it branches there.
    fn create_bin(&mut self, ops: &[Operand], fail: Option<u32>, dst: &Operand) -> Result<(), Diagnostic> {
        let mut segs = Vec::new();
        for chunk in ops.chunks(6) {
            let [ty, seg_no, unit, flags, src, size] = chunk else { return Err(self.bad("malformed bs_create_bin segment".into())) };
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
            let seg_no = const_int(seg_no).unwrap_or(0).clamp(0, 0x00ff_ffff) as i32;
            segs.push(Segment { kind, seg_no, unit, flags: self.flags(flags)?, src: src.clone(), size: size.clone() });
        }
        let total = self.temp(ValType::I64);
        let part = self.temp(ValType::I64);
        let t = self.temp(TERM);
        let fail_g = self.rtg("FAIL")?;
        self.s().i64_const(0).local_set(total);
        // The result block: 1 on success, 0 (with a fail label) on failure.
        self.s().block(BlockType::Result(ValType::I32));
        // Sizes: segments whose size is not a literal.
        for seg in &segs {
            let is_all = self.is_all(&seg.size);
            match seg.kind {
                Seg::Append | Seg::PrivateAppend => continue,
                Seg::String => {
                    let len = const_int(&seg.size).unwrap_or(0);
                    self.s().local_get(total).i64_const(len * 8).i64_add().local_set(total);
                    continue;
                }
                Seg::Integer | Seg::Float | Seg::Binary if !is_all && literal_size(&seg.size).is_some() => {
                    let n = literal_size(&seg.size).unwrap_or(0).saturating_mul(i64::from(seg.unit));
                    self.s().local_get(total).i64_const(n).i64_add().local_set(total);
                    continue;
                }
                Seg::Binary if is_all => {
                    // Only that it is a bitstring; the unit is checked by the write.
                    self.push(&seg.src)?;
                    self.s().i32_const(1);
                    self.call_rt("bs_all_bits")?;
                    self.s().local_tee(part).i64_const(0).i64_lt_s();
                    self.bsc_check(fail, seg, BSC_TYPE, &seg.src.clone(), None)?;
                }
                Seg::Integer | Seg::Float | Seg::Binary => {
                    self.bits(&seg.size, seg.unit)?;
                    self.s().local_tee(part).i64_const(0).i64_lt_s();
                    self.bsc_check(fail, seg, BSC_SIZE, &seg.size.clone(), None)?;
                }
                Seg::Utf8 | Seg::Utf16 => {
                    // Never fails here (as on the VM): the write checks the code point.
                    self.push(&seg.src)?;
                    self.call_rt(if seg.kind == Seg::Utf8 { "bs_utf8_bits" } else { "bs_utf16_bits" })?;
                    self.s().local_set(part);
                }
                Seg::Utf32 => {
                    self.push(&seg.src)?;
                    self.call_rt("bs_utf32_bits")?;
                    self.s().local_tee(part).i64_const(0).i64_lt_s();
                    self.bsc_check(fail, seg, BSC_TYPE, &seg.src.clone(), None)?;
                }
            }
            self.s().local_get(total).local_get(part).i64_add().local_set(total);
        }
        // Allocation: a fresh binary, or the first segment appended to.
        let skip = usize::from(matches!(segs.first().map(|s| s.kind), Some(Seg::Append | Seg::PrivateAppend)));
        if let Some(seg) = segs.first().filter(|_| skip == 1) {
            self.push(&seg.src)?;
            self.s().local_get(total).i32_const(seg.unit as i32);
            self.call_rt(if seg.kind == Seg::Append { "bs_append" } else { "bs_private_append" })?;
            self.s().local_tee(t).global_get(fail_g).ref_eq();
            self.bsc_check(fail, seg, BSC_APPEND, &seg.src.clone(), None)?;
        } else {
            self.s().local_get(total);
            self.call_rt("bs_alloc_bits")?;
            self.s().local_tee(t).global_get(fail_g).ref_eq().if_(BlockType::Empty);
            if fail.is_some() {
                self.s().i32_const(0).br(1);
            } else {
                self.call_rt("raise_fail_reason")?;
                self.s().unreachable();
            }
            self.s().end();
        }
        // Writes.
        for seg in segs.iter().skip(skip) {
            let is_all = self.is_all(&seg.size);
            let why = match seg.kind {
                Seg::Integer | Seg::Float => {
                    self.push(&seg.src)?;
                    self.bits(&seg.size, seg.unit)?;
                    self.s().i32_const(seg.flags);
                    self.call_rt(if seg.kind == Seg::Integer { "bs_put_integer" } else { "bs_put_float" })?;
                    if seg.kind == Seg::Integer { BSC_TYPE } else { BSC_FLOAT }
                }
                Seg::Binary => {
                    self.push(&seg.src)?;
                    if is_all {
                        self.s().i64_const(-1);
                    } else {
                        self.bits(&seg.size, seg.unit)?;
                    }
                    self.s().i32_const(seg.unit as i32);
                    self.call_rt("bs_put_binary")?;
                    if is_all { BSC_UNIT } else { BSC_SHORT }
                }
                Seg::Utf8 => {
                    self.push(&seg.src)?;
                    self.call_rt("bs_put_utf8")?;
                    BSC_TYPE
                }
                Seg::Utf16 | Seg::Utf32 => {
                    self.push(&seg.src)?;
                    self.s().i32_const(seg.flags);
                    self.call_rt(if seg.kind == Seg::Utf16 { "bs_put_utf16" } else { "bs_put_utf32" })?;
                    BSC_TYPE
                }
                Seg::String => {
                    let (off, len) = (const_int(&seg.src).unwrap_or(0) as i32, const_int(&seg.size).unwrap_or(0) as i32);
                    self.push_strings()?;
                    self.s().i32_const(off).i32_const(len);
                    self.call_rt("bs_put_bytes")?;
                    continue;
                }
                Seg::Append | Seg::PrivateAppend => continue,
            };
            self.s().i32_eqz();
            let bits = (seg.kind == Seg::Float).then_some(&seg.size);
            self.bsc_check(fail, seg, why, &seg.src.clone(), bits.cloned().as_ref())?;
        }
        self.s().i32_const(1).end();
        if fail.is_some() {
            let ok = self.temp(ValType::I32);
            self.s().local_tee(ok).if_(BlockType::Empty).local_get(t);
            self.store(dst)?;
            self.s().end().local_get(ok);
            self.free(ValType::I32, ok);
        } else {
            self.s().drop().local_get(t);
            self.store(dst)?;
        }
        self.free(TERM, t);
        self.free(ValType::I64, total);
        self.free(ValType::I64, part);
        Ok(())
    }

    /// Whether a segment size operand is `all`.
    fn is_all(&self, size: &Operand) -> bool {
        matches!(size, Operand::Atom(a) if self.m.atom(*a) == "all")
    }

    /// A check of `bs_create_bin`, inside its result block, with the failure condition on
    /// the stack: with a fail label, leave the block with 0; without, raise the VM's error
    /// (`bs_create_error`: the segment, its type, `why`, the value `v` and, for a float,
    /// the size in bits).
    fn bsc_check(&mut self, fail: Option<u32>, seg: &Segment, why: i32, v: &Operand, float_size: Option<&Operand>) -> Result<(), Diagnostic> {
        self.s().if_(BlockType::Empty);
        if fail.is_some() {
            self.s().i32_const(0).br(1);
        } else {
            let ty = match seg.kind {
                Seg::Float => 1,
                Seg::Integer => 2,
                Seg::Utf8 => 3,
                Seg::Utf16 => 4,
                Seg::Utf32 => 5,
                Seg::Binary | Seg::String | Seg::Append | Seg::PrivateAppend => 0,
            };
            self.s().i32_const((seg.seg_no << 8) | (ty << 4) | why);
            self.push(v)?;
            match float_size {
                Some(size) => self.bits(size, seg.unit)?,
                None => {
                    self.s().i64_const(0);
                }
            }
            self.call_rt("bs_create_error")?;
            self.s().unreachable();
        }
        self.s().end();
        Ok(())
    }
}

/// One segment of `bs_create_bin`.
struct Segment {
    kind: Seg,
    /// The segment's number in the source, as error messages give it.
    seg_no: i32,
    unit: u32,
    flags: i32,
    src: Operand,
    size: Operand,
}

/// What a failed check of `bs_create_bin` reports (the kinds of `bs_create_error`).
const BSC_SIZE: i32 = 0;
const BSC_TYPE: i32 = 1;
const BSC_SHORT: i32 = 2;
const BSC_UNIT: i32 = 3;
const BSC_FLOAT: i32 = 4;
const BSC_APPEND: i32 = 5;

/// A segment size the VM knows when it loads the code: a non-negative literal.
fn literal_size(op: &Operand) -> Option<i64> {
    const_int(op).filter(|n| *n >= 0)
}

/// The value of a constant integer operand (`u`- or `i`-tagged).
fn const_int(op: &Operand) -> Option<i64> {
    match op {
        Operand::Unsigned(n) => i64::try_from(*n).ok(),
        Operand::Integer(Int::Small(n)) => Some(*n),
        _ => None,
    }
}
