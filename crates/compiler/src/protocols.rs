//! Protocol consolidation: gives each Elixir protocol module reached by the program a
//! generated `impl_for/1` that dispatches on the value's type straight to the
//! implementation modules, as `Protocol.consolidate/2` does for a Mix release.
//!
//! Expects: a loaded protocol module (its attributes hold `__protocol__`) and the
//! implementations the module source offers (modules `<Protocol>.<For>` whose attributes
//! hold `__impl__` naming the protocol). Guarantees: `impl_for/1` returns the impl target
//! (`__impl__(:target)`: the impl module itself, or `Any` for a derived one)
//! for structs with an implementation, then for the built-in types in Elixir's order
//! (Tuple, Atom, List, Map, BitString, Integer, Float, Function, PID, Port, Reference), and
//! otherwise `<Protocol>.Any` when the protocol falls back to Any, else `nil` — the same
//! answers as the unconsolidated `impl_for/1`, without its `Module.concat` and `undef`
//! round trip. Struct implementations are kept only for structs whose name occurs as an
//! atom in reachable code: a struct that is never named is never built.

use std::collections::BTreeMap;

use beam::{Instruction, Opcode, Operand, Term};

use crate::program::Module;

/// The built-in types a protocol can be implemented for, in dispatch order, with the
/// test instruction for each (Map is handled with structs).
const BUILTINS: [(&str, Opcode); 10] = [
    ("Tuple", Opcode::IsTuple),
    ("Atom", Opcode::IsAtom),
    ("List", Opcode::IsList),
    ("BitString", Opcode::IsBitstr),
    ("Integer", Opcode::IsInteger),
    ("Float", Opcode::IsFloat),
    ("Function", Opcode::IsFunction),
    ("PID", Opcode::IsPid),
    ("Port", Opcode::IsPort),
    ("Reference", Opcode::IsReference),
];

/// A protocol as found in its module's attributes.
pub struct Protocol {
    /// Whether it falls back to `Any`.
    pub fallback_to_any: bool,
}

/// The protocol a module defines, if it is one.
pub fn protocol_of(m: &Module) -> Option<Protocol> {
    let attrs = attribute(m.beam.attributes.as_ref()?, "__protocol__")?;
    let fallback = keyword(attrs, "fallback_to_any").is_some_and(|t| matches!(t, Term::Atom(a) if a == "true"));
    Some(Protocol { fallback_to_any: fallback })
}

/// For an implementation module: the protocol it implements and the type it is for.
pub fn impl_of(m: &Module) -> Option<(String, String)> {
    let attrs = attribute(m.beam.attributes.as_ref()?, "__impl__")?;
    match (keyword(attrs, "protocol")?, keyword(attrs, "for")?) {
        (Term::Atom(p), Term::Atom(f)) => Some((p.clone(), f.clone())),
        _ => None,
    }
}

/// For an implementation module: the module that really implements the functions, which
/// its `__impl__(:target)` returns. A derived implementation (`@derive` of a protocol
/// whose `Any` implementation has no `__deriving__`) defines no functions and names the
/// `Any` implementation as its target; any other names itself.
pub fn impl_target(m: &Module) -> Option<String> {
    let &fi = m.by_name.get(&("__impl__".to_string(), 1))?;
    let func = m.functions.get(fi)?;
    let code = m.beam.code.instructions.get(func.start..func.end)?;
    let label = code.iter().find_map(|ins| match (ins.op, ins.args.as_slice()) {
        (Opcode::SelectVal, [Operand::X(0), _, Operand::List(cases)]) => cases.chunks(2).find_map(|c| match c {
            [Operand::Atom(a), Operand::Label(l)] if m.atom(*a) == "target" => Some(*l),
            _ => None,
        }),
        _ => None,
    })?;
    let at = code.iter().position(|ins| ins.op == Opcode::Label && ins.args.first() == Some(&Operand::Unsigned(u64::from(label))))?;
    match code.get(at + 1).map(|ins| (ins.op, ins.args.as_slice())) {
        Some((Opcode::Move, [Operand::Atom(a), Operand::X(0)])) => Some(m.atom(*a).to_string()),
        _ => None,
    }
}

/// The value of attribute `name` in an attribute list `[{Key, Value}]`.
fn attribute<'a>(attrs: &'a Term, name: &str) -> Option<&'a Term> {
    let Term::List { elems, .. } = attrs else { return None };
    elems.iter().find_map(|e| match e {
        Term::Tuple(kv) => match kv.as_slice() {
            [Term::Atom(k), v] if k == name => Some(v),
            _ => None,
        },
        _ => None,
    })
}

/// The value of `key` in a keyword list.
fn keyword<'a>(list: &'a Term, key: &str) -> Option<&'a Term> {
    attribute(list, key)
}

/// Replaces the code of `impl_for/1` in protocol module `m`. `impls` maps each `for` name
/// (e.g. `Elixir.List`, `Elixir.Date`) to its implementation module.
pub fn consolidate(m: &mut Module, proto: &Protocol, impls: &BTreeMap<String, String>) -> bool {
    let Some(&fi) = m.by_name.get(&("impl_for".to_string(), 1)) else { return false };
    let Some(func) = m.functions.get(fi).cloned() else { return false };
    let code = &m.beam.code.instructions;
    let Some(info) = code.get(func.start..func.end).and_then(|c| c.iter().find(|i| i.op == Opcode::FuncInfo)).cloned() else {
        return false;
    };
    let mut next_label = m.beam.code.label_count.max(1);
    let mut label = || {
        let l = next_label;
        next_label += 1;
        l
    };
    let lit = |m: &mut Module, t: Term| -> Operand {
        m.beam.literals.push(t);
        Operand::Literal((m.beam.literals.len() - 1) as u32)
    };
    let atom = |s: &str| Term::Atom(s.to_string());
    let name = m.name.clone();
    let impl_of_builtin = |t: &str| impls.get(&format!("Elixir.{t}")).cloned();
    let any = if proto.fallback_to_any { impls.get("Elixir.Any").cloned() } else { None };
    let builtin_names: Vec<String> = BUILTINS.iter().map(|(t, _)| format!("Elixir.{t}")).chain(["Elixir.Map".to_string(), "Elixir.Any".to_string()]).collect();
    let structs: Vec<(&String, &String)> = impls.iter().filter(|(f, _)| !builtin_names.contains(f)).collect();

    let ins = |op: Opcode, args: Vec<Operand>| Instruction { op, args, offset: 0 };
    let mut out: Vec<Instruction> = Vec::new();
    let (l_fi, l_not_map, l_not_struct, l_any) = (label(), label(), label(), label());
    out.push(ins(Opcode::Label, vec![Operand::Unsigned(u64::from(l_fi))]));
    out.push(info.clone());
    out.push(ins(Opcode::Label, vec![Operand::Unsigned(u64::from(func.entry))]));
    // Structs, then plain maps.
    out.push(ins(Opcode::IsMap, vec![Operand::Label(l_not_map), Operand::X(0)]));
    let key = lit(m, atom("__struct__"));
    out.push(ins(Opcode::GetMapElements, vec![Operand::Label(l_not_struct), Operand::X(0), Operand::List(vec![key, Operand::X(1)])]));
    out.push(ins(Opcode::IsAtom, vec![Operand::Label(l_not_struct), Operand::X(1)]));
    let mut returns: Vec<(u32, Option<String>)> = Vec::new();
    let mut cases = Vec::new();
    for (s, imp) in &structs {
        let l = label();
        cases.push(lit(m, atom(s)));
        cases.push(Operand::Label(l));
        returns.push((l, Some((*imp).clone())));
    }
    if cases.is_empty() {
        out.push(ins(Opcode::Jump, vec![Operand::Label(l_any)]));
    } else {
        out.push(ins(Opcode::SelectVal, vec![Operand::X(1), Operand::Label(l_any), Operand::List(cases)]));
    }
    out.push(ins(Opcode::Label, vec![Operand::Unsigned(u64::from(l_not_struct))]));
    match impl_of_builtin("Map") {
        Some(imp) => {
            let v = lit(m, atom(&imp));
            out.push(ins(Opcode::Move, vec![v, Operand::X(0)]));
            out.push(ins(Opcode::Return, vec![]));
        }
        None => out.push(ins(Opcode::Jump, vec![Operand::Label(l_any)])),
    }
    // The other built-in types, in order.
    out.push(ins(Opcode::Label, vec![Operand::Unsigned(u64::from(l_not_map))]));
    for (t, op) in BUILTINS {
        let Some(imp) = impl_of_builtin(t) else { continue };
        let l_next = label();
        out.push(ins(op, vec![Operand::Label(l_next), Operand::X(0)]));
        let v = lit(m, atom(&imp));
        out.push(ins(Opcode::Move, vec![v, Operand::X(0)]));
        out.push(ins(Opcode::Return, vec![]));
        out.push(ins(Opcode::Label, vec![Operand::Unsigned(u64::from(l_next))]));
    }
    out.push(ins(Opcode::Jump, vec![Operand::Label(l_any)]));
    for (l, imp) in returns {
        out.push(ins(Opcode::Label, vec![Operand::Unsigned(u64::from(l))]));
        let v = match imp {
            Some(i) => lit(m, atom(&i)),
            None => Operand::Nil,
        };
        out.push(ins(Opcode::Move, vec![v, Operand::X(0)]));
        out.push(ins(Opcode::Return, vec![]));
    }
    out.push(ins(Opcode::Label, vec![Operand::Unsigned(u64::from(l_any))]));
    let v = match &any {
        Some(i) => lit(m, atom(i)),
        None => lit(m, atom("nil")),
    };
    out.push(ins(Opcode::Move, vec![v, Operand::X(0)]));
    out.push(ins(Opcode::Return, vec![]));

    // Splice: the new body goes at the end of the code; the function points at it.
    let start = m.beam.code.instructions.len();
    for i in &out {
        if let (Opcode::Label, [Operand::Unsigned(l)]) = (i.op, i.args.as_slice()) {
            m.label_function.insert(*l as u32, fi);
        }
    }
    m.beam.code.instructions.extend(out);
    let end = m.beam.code.instructions.len();
    m.beam.code.label_count = next_label;
    if let Some(f) = m.functions.get_mut(fi) {
        f.start = start;
        f.end = end;
    }
    let _ = name;
    true
}
