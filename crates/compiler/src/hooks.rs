//! The bodies of the runtime's hook functions, which depend on the program: start-up
//! (registering atoms, export funs), the entry point, resuming a saved frame, and dynamic
//! dispatch (`apply`, `erlang:apply/2,3`).

use std::collections::{BTreeMap, BTreeSet};

use beam::Term;
use wasm_encoder::{BlockType, HeapType, InstructionSink, RefType, ValType};

use crate::codegen::{Codegen, TERM};
use crate::diagnostic::{Diagnostic, Mfa};
use crate::link::{FuncRef, Intrinsic, Target, BOOT};


/// One way a dynamic call can resolve.
enum Callee {
    Compiled(u32),
    Bif(u32, Mfa),
    Intrinsic(u32),
}

/// Fills in every hook body.
pub fn generate(cg: &mut Codegen) -> Result<(), Diagnostic> {
    init(cg)?;
    entry(cg)?;
    boot(cg)?;
    let table = dispatch_table(cg, false)?;
    let max_arity = table.keys().map(|(_, a)| *a).max().unwrap_or(0).max(cg.apply_dispatch.keys().copied().max().unwrap_or(0));
    for a in 0..=max_arity {
        apply_n(cg, a, &table)?;
    }
    let table = dispatch_table(cg, true)?;
    apply_mfa(cg, max_arity)?;
    apply_fun(cg)?;
    resume_frame(cg)?;
    function_exported(cg, &table)?;
    function_kept(cg, &table)?;
    module_loaded(cg)?;
    module_info(cg)?;
    make_fun(cg, max_arity)?;
    applications(cg)?;
    lib_dirs(cg)?;
    Ok(())
}

/// `hook:lib_dirs()`: the code server's root and application directories, one literal
/// ([`crate::link::Linked::lib_dirs`]).
fn lib_dirs(cg: &mut Codegen) -> Result<(), Diagnostic> {
    let term = cg.linked.lib_dirs.clone();
    literal_hook(cg, "hook:lib_dirs", &term)
}

/// `hook:applications()`: the application resource terms the program embeds, one literal
/// list ([`crate::app_link`]).
fn applications(cg: &mut Codegen) -> Result<(), Diagnostic> {
    let term = list(cg.linked.applications.clone());
    literal_hook(cg, "hook:applications", &term)
}

/// A hook of no parameters that returns `term`, interned in the literal table.
fn literal_hook(cg: &mut Codegen, name: &str, term: &Term) -> Result<(), Diagnostic> {
    let mut none = |_: &Mfa| 0u32;
    let idx = cg.literals.intern(term, &mut cg.atoms, &mut none)?;
    let mut code = Vec::new();
    let mut s = InstructionSink::new(&mut code);
    crate::codegen::push_literal(&mut s, cg.rt, idx)?;
    s.end();
    hook(cg, name, vec![], code)
}

/// The modules of the program: those with at least one compiled function.
fn program_modules(cg: &Codegen) -> BTreeSet<usize> {
    cg.linked.functions.iter().map(|f| f.module).collect()
}

/// `hook:function_exported(M, F, A)`: whether a dynamic call of M:F/A reaches a function —
/// a compiled exported function or a BIF.
fn function_exported(cg: &mut Codegen, table: &BTreeMap<(String, u32), Vec<(String, Callee)>>) -> Result<(), Diagnostic> {
    let atom = cg.rt.ty("atom")?;
    let mut by_module: BTreeMap<String, Vec<(String, u32)>> = BTreeMap::new();
    for ((m, a), fs) in table {
        for (f, _) in fs {
            by_module.entry(m.clone()).or_default().push((f.clone(), *a));
        }
    }
    for m in program_modules(cg) {
        if let Some(module) = cg.linked.program.get(m) {
            for (f, a) in module.exports.keys() {
                by_module.entry(module.name.clone()).or_default().push((f.clone(), *a));
            }
        }
    }
    // A sorted table of (module id, function id, arity) triples, searched at run time.
    let mut triples: Vec<(i32, i32, i32)> = Vec::new();
    for (m, fs) in &by_module {
        let mid = cg.atoms.id(m) as i32;
        for (f, a) in fs {
            triples.push((mid, cg.atoms.id(f) as i32, *a as i32));
        }
    }
    triples.sort_unstable();
    triples.dedup();
    let search = cg.rt.func("triple_search")?;
    let mut code = Vec::new();
    let mut s = InstructionSink::new(&mut code);
    s.local_get(0).struct_get(atom, 0).local_get(1).struct_get(atom, 0).local_get(2);
    push_table(cg, &mut s, triples.iter().flat_map(|(m, f, a)| [*m, *f, *a]))?;
    s.call(search).end();
    hook(cg, "hook:function_exported", vec![], code)
}

/// `hook:function_kept(M, F, A)`: whether a dynamic call of M:F/A reaches compiled code
/// (the linker kept the function).
fn function_kept(cg: &mut Codegen, table: &BTreeMap<(String, u32), Vec<(String, Callee)>>) -> Result<(), Diagnostic> {
    let atom = cg.rt.ty("atom")?;
    let mut triples: Vec<(i32, i32, i32)> = Vec::new();
    for ((m, a), fs) in table {
        for (f, callee) in fs {
            if matches!(callee, Callee::Compiled(_)) {
                triples.push((cg.atoms.id(m) as i32, cg.atoms.id(f) as i32, *a as i32));
            }
        }
    }
    triples.sort_unstable();
    triples.dedup();
    let search = cg.rt.func("triple_search")?;
    let mut code = Vec::new();
    let mut s = InstructionSink::new(&mut code);
    s.local_get(0).struct_get(atom, 0).local_get(1).struct_get(atom, 0).local_get(2);
    push_table(cg, &mut s, triples.iter().flat_map(|(m, f, a)| [*m, *f, *a]))?;
    s.call(search).end();
    hook(cg, "hook:function_kept", vec![], code)
}

/// `hook:module_loaded(M)`: whether M is a module of the program.
fn module_loaded(cg: &mut Codegen) -> Result<(), Diagnostic> {
    let mods: Vec<String> = program_modules(cg).iter().filter_map(|&m| cg.linked.program.get(m).map(|x| x.name.clone())).collect();
    let atom = cg.rt.ty("atom")?;
    let mut triples: Vec<(i32, i32, i32)> = mods.iter().map(|m| (cg.atoms.id(m) as i32, 0, 0)).collect();
    triples.sort_unstable();
    let search = cg.rt.func("triple_search")?;
    let mut code = Vec::new();
    let mut s = InstructionSink::new(&mut code);
    s.local_get(0).struct_get(atom, 0).i32_const(0).i32_const(0);
    push_table(cg, &mut s, triples.iter().flat_map(|(m, f, a)| [*m, *f, *a]))?;
    s.call(search).end();
    hook(cg, "hook:module_loaded", vec![], code)
}

/// `hook:module_info(M, Item)`: the terms `M:module_info/1` gives, for the modules whose
/// `module_info` can run.
fn module_info(cg: &mut Codegen) -> Result<(), Diagnostic> {
    let fail = cg.rt.global("FAIL")?;
    let linked = cg.linked;
    let mut plan: Vec<(crate::codegen::AtomRef, Vec<u32>)> = Vec::new();
    for m in program_modules(cg) {
        let Some(module) = linked.program.get(m) else { continue };
        let has_info = linked.functions.iter().any(|f| {
            f.module == m && module.functions.get(f.func).is_some_and(|x| x.name == "module_info")
        });
        if !has_info {
            continue;
        }
        let fa = |f: &crate::program::Function| Term::Tuple(vec![Term::Atom(f.name.clone()), Term::Int(i64::from(f.arity))]);
        let exports: Vec<Term> =
            module.functions.iter().filter(|f| module.exports.contains_key(&(f.name.clone(), f.arity))).map(fa).collect();
        let functions: Vec<Term> = module.functions.iter().map(fa).collect();
        let items = [
            Term::Atom(module.name.clone()),
            list(exports),
            module.beam.attributes.clone().unwrap_or(Term::Nil),
            module.beam.compile_info.clone().unwrap_or(Term::Nil),
            Term::Binary(module.md5.to_vec()),
            list(functions),
            Term::Nil,
        ];
        let mut idx = Vec::new();
        for t in &items {
            let mut none = |_: &Mfa| 0u32;
            idx.push(cg.literals.intern(t, &mut cg.atoms, &mut none)?);
        }
        plan.push((cg.atom_ref(&module.name)?, idx));
    }
    let mut code = Vec::new();
    let mut s = InstructionSink::new(&mut code);
    for (mg, idx) in plan {
        s.local_get(0);
        mg.emit(&mut s);
        s.ref_eq().if_(BlockType::Empty);
        for (item, lit) in idx.iter().enumerate() {
            s.local_get(1).i32_const(item as i32).i32_eq().if_(BlockType::Empty);
            crate::codegen::push_literal(&mut s, cg.rt, *lit)?;
            s.return_().end();
        }
        s.end();
    }
    s.global_get(fail).end();
    hook(cg, "hook:module_info", vec![], code)
}

/// A proper list term.
fn list(elems: Vec<Term>) -> Term {
    if elems.is_empty() {
        Term::Nil
    } else {
        Term::List { elems, tail: Box::new(Term::Nil) }
    }
}

/// `hook:make_fun(M, F, A)`: `fun M:F/A` — the program's own export fun when it has one,
/// else a fun whose code dispatches dynamically (and so raises undef if M:F/A is absent).
fn make_fun(cg: &mut Codegen, max_arity: u32) -> Result<(), Diagnostic> {
    let fun = cg.rt.ty("fun")?;
    let funinfo = cg.rt.ty("funinfo")?;
    let mut known = Vec::new();
    let funs: Vec<(Mfa, u32)> = cg.export_funs.iter().map(|(m, (_, g))| (m.clone(), *g)).collect();
    for (mfa, g) in funs {
        known.push((cg.atom_ref(&mfa.module)?, cg.atom_ref(&mfa.function)?, mfa.arity, g));
    }
    // One trampoline per arity: call apply/N with the fun's module and name.
    let mut tramps = Vec::new();
    for a in 0..=max_arity {
        let Some(&d) = cg.apply_dispatch.get(&a) else { continue };
        let clos = cg.clos_type(a)?;
        let t = cg.add_func(format!("make_fun/{a}"), clos);
        cg.declared.insert(t);
        let mut body = Vec::new();
        {
            let mut s = InstructionSink::new(&mut body);
            s.local_get(a).struct_get(fun, 2).struct_get(funinfo, 1);
            s.local_get(a).struct_get(fun, 2).struct_get(funinfo, 2);
            for i in 0..a {
                s.local_get(i);
            }
            s.return_call(d).end();
        }
        cg.set_body(t, vec![], body);
        tramps.push((a, t));
    }
    let mut code = Vec::new();
    let mut s = InstructionSink::new(&mut code);
    for (mg, fg, a, g) in known {
        s.local_get(0);
        mg.emit(&mut s);
        s.ref_eq().local_get(1);
        fg.emit(&mut s);
        s.ref_eq().i32_and();
        s.local_get(2).i32_const(a as i32).i32_eq().i32_and();
        s.if_(BlockType::Empty).global_get(g).return_().end();
    }
    for (a, t) in tramps {
        s.local_get(2).i32_const(a as i32).i32_eq().if_(BlockType::Empty);
        s.ref_func(t).i32_const(a as i32);
        s.i32_const(1).local_get(0).local_get(1).i32_const(a as i32).i32_const(0).i32_const(0).struct_new(funinfo);
        s.ref_null(crate::codegen::NONE).struct_new(fun).return_().end();
    }
    let fail = cg.rt.global("FAIL")?;
    s.global_get(fail).end();
    hook(cg, "hook:make_fun", vec![], code)
}

fn hook(cg: &mut Codegen, name: &str, locals: Vec<ValType>, code: Vec<u8>) -> Result<(), Diagnostic> {
    let idx = cg.rt.func(name)?;
    cg.hooks.insert(idx, (locals, code));
    Ok(())
}

/// `hook:init`: registers the atoms compiled code holds in globals and publishes the
/// export funs the literal pool refers to.
fn init(cg: &mut Codegen) -> Result<(), Diagnostic> {
    let register = cg.rt.func("atom_register")?;
    let export_funs = cg.rt.global("export_funs")?;
    let tuple = cg.rt.ty("tuple")?;
    let globals: Vec<u32> = cg.generated_atom_globals();
    let funs: Vec<u32> = cg.export_order.iter().filter_map(|m| cg.export_funs.get(m).map(|(_, g)| *g)).collect();
    let mut code = Vec::new();
    let mut s = InstructionSink::new(&mut code);
    for g in globals {
        s.global_get(g).call(register);
    }
    for g in &funs {
        s.global_get(*g);
    }
    s.array_new_fixed(tuple, funs.len() as u32).global_set(export_funs);
    s.end();
    hook(cg, "hook:init", vec![], code)
}

/// `hook:entry(Args)`: the program's entry function, with or without the argument list;
/// in a module with several entries, the one the host chose (`$entry_choice`, set by
/// `bw_entry`). `hook:entry_count()`: how many there are.
fn entry(cg: &mut Codegen) -> Result<(), Diagnostic> {
    let entry_call = |cg: &Codegen, f: crate::link::FuncRef| -> Result<(u32, u32), Diagnostic> {
        let idx = cg.fn_index.get(&f).copied().ok_or_else(|| Diagnostic::error("internal: entry not lowered"))?;
        let arity = cg.linked.program.get(f.module).and_then(|m| m.functions.get(f.func)).map_or(0, |x| x.arity);
        Ok((idx, arity))
    };
    let mut code = Vec::new();
    let mut s = InstructionSink::new(&mut code);
    // With several entries: entry i (i >= 1) when `$entry_choice` is i, else the first.
    if !cg.more_entries.is_empty() {
        let choice = cg.rt.global("entry_choice")?;
        for (i, &f) in cg.more_entries.iter().enumerate() {
            let (idx, arity) = entry_call(cg, f)?;
            s.global_get(choice).i32_const(i as i32 + 1).i32_eq().if_(BlockType::Empty);
            if arity == 1 {
                s.local_get(0);
            }
            s.return_call(idx).end();
        }
    }
    let (idx, arity) = entry_call(cg, cg.linked.entry)?;
    if arity == 1 {
        s.local_get(0);
    }
    s.return_call(idx).end();
    hook(cg, "hook:entry", vec![], code)?;
    let mut code = Vec::new();
    InstructionSink::new(&mut code).i32_const(cg.more_entries.len() as i32 + 1).end();
    hook(cg, "hook:entry_count", vec![], code)
}

/// `hook:boot(Args)`: the first process's function, `beamwasm_boot:start/1`.
fn boot(cg: &mut Codegen) -> Result<(), Diagnostic> {
    let mfa = Mfa::new(BOOT.0, BOOT.1, BOOT.2);
    let Some(Target::Compiled(f)) = cg.linked.targets.get(&mfa).cloned() else {
        return Err(Diagnostic::error("internal: boot function not linked"));
    };
    let idx = cg.fn_index.get(&f).copied().ok_or_else(|| Diagnostic::error("internal: boot not lowered"))?;
    let mut code = Vec::new();
    InstructionSink::new(&mut code).local_get(0).return_call(idx).end();
    hook(cg, "hook:boot", vec![], code)
}

/// Every function a dynamic call can reach, by (module, arity): exported compiled functions
/// of linked modules, and the runtime's BIFs — with `all_bifs` every one of them (what
/// `erlang:function_exported/3` answers for: the VM has them all), otherwise those the
/// linker reaches (`Linked::targets`: called statically or a candidate of a dynamic call,
/// by the same rules as compiled functions), so that the dispatch keeps no other BIF alive.
fn dispatch_table(cg: &mut Codegen, all_bifs: bool) -> Result<BTreeMap<(String, u32), Vec<(String, Callee)>>, Diagnostic> {
    let mut table: BTreeMap<(String, u32), Vec<(String, Callee)>> = BTreeMap::new();
    let linked = cg.linked;
    for &f in &linked.functions {
        let Some(m) = linked.program.get(f.module) else { continue };
        let Some(func) = m.functions.get(f.func) else { continue };
        if m.exports.get(&(func.name.clone(), func.arity)) != Some(&f.func) {
            continue;
        }
        if let Some(&idx) = cg.fn_index.get(&f) {
            table.entry((m.name.clone(), func.arity)).or_default().push((func.name.clone(), Callee::Compiled(idx)));
        }
    }
    // A function the linker redirects (link.rs REDIRECTS: `inet_db:tcp_module/0` to
    // `beamwasm_port`) is reached dynamically under its own name too.
    let mut redirected: Vec<(&Mfa, FuncRef)> = linked
        .targets
        .iter()
        .filter_map(|(mfa, t)| match t {
            Target::Compiled(f) => Some((mfa, *f)),
            _ => None,
        })
        .filter(|(mfa, f)| linked.program.get(f.module).is_some_and(|m| m.name != mfa.module))
        .collect();
    redirected.sort_by(|a, b| a.0.to_string().cmp(&b.0.to_string()));
    for (mfa, f) in redirected {
        if let Some(&idx) = cg.fn_index.get(&f) {
            let list = table.entry((mfa.module.clone(), mfa.arity)).or_default();
            list.retain(|(n, _)| *n != mfa.function);
            list.push((mfa.function.clone(), Callee::Compiled(idx)));
        }
    }
    let mut bifs: Vec<(String, u32)> = cg.rt.funcs.iter().map(|(n, (i, _))| (n.clone(), *i)).collect();
    bifs.sort();
    for (name, idx) in bifs {
        let Some((m, rest)) = name.split_once(':') else { continue };
        let Some((f, a)) = rest.rsplit_once('/') else { continue };
        let Ok(a) = a.parse::<u32>() else { continue };
        if m == "hook" {
            continue;
        }
        let mfa = Mfa::new(m, f, a);
        if !all_bifs && !matches!(linked.targets.get(&mfa), Some(Target::Bif(_))) {
            continue;
        }
        let list = table.entry((m.to_string(), a)).or_default();
        if !list.iter().any(|(n, _)| n == f) {
            list.push((f.to_string(), Callee::Bif(idx, mfa)));
        }
    }
    for (name, arity) in [("apply", 2u32), ("apply", 3)] {
        let h = if arity == 2 { "hook:apply_fun" } else { "hook:apply_mfa" };
        let idx = cg.rt.func(h)?;
        let list = table.entry(("erlang".to_string(), arity)).or_default();
        list.retain(|(n, _)| n != name);
        list.push((name.to_string(), Callee::Intrinsic(idx)));
    }
    let _ = Intrinsic::Entry;
    Ok(table)
}

/// `apply/N(M, F, A1..AN)`: dispatch on the module atom's id, then on the function atom.
fn apply_n(cg: &mut Codegen, arity: u32, table: &BTreeMap<(String, u32), Vec<(String, Callee)>>) -> Result<(), Diagnostic> {
    let idx = match cg.apply_dispatch.get(&arity) {
        Some(&i) => i,
        None => {
            let ty = cg.fn_type(arity + 2);
            let i = cg.add_func(format!("apply/{arity}"), ty);
            cg.apply_dispatch.insert(arity, i);
            i
        }
    };
    let atom = cg.rt.ty("atom")?;
    let tuple = cg.rt.ty("tuple")?;
    let fail = cg.rt.global("FAIL")?;
    let raise_undef = cg.rt.func("raise_undef")?;
    let raise_bif = cg.rt.func("raise_bif_error")?;
    let raise_badarg = cg.rt.func("raise_badarg")?;
    let (m_l, f_l) = (0u32, 1u32);
    let arg = |i: u32| i + 2;
    let tmp = arity + 2;
    // Group the modules that have functions of this arity.
    let mut modules: Vec<(u32, &Vec<(String, Callee)>)> = Vec::new();
    let names: Vec<String> = table.keys().filter(|(_, a)| *a == arity).map(|(m, _)| m.clone()).collect();
    for m in &names {
        let id = cg.atoms.id(m);
        if let Some(list) = table.get(&(m.clone(), arity)) {
            modules.push((id, list));
        }
    }
    modules.sort_by_key(|(id, _)| *id);
    // Atom globals and MFA literals for each callee, resolved before emitting.
    let mut plans: Vec<(u32, Vec<(crate::codegen::AtomRef, &Callee, Option<u32>)>)> = Vec::new();
    for (id, list) in &modules {
        let mut fs = Vec::new();
        for (fname, callee) in list.iter() {
            let g = cg.atom_ref(fname)?;
            let lit = match callee {
                Callee::Bif(_, mfa) => {
                    let t = crate::lower::mfa_literal(mfa);
                    let mut none = |_: &Mfa| 0u32;
                    Some(cg.literals.intern(&t, &mut cg.atoms, &mut none)?)
                }
                _ => None,
            };
            fs.push((g, callee, lit));
        }
        plans.push((*id, fs));
    }
    let mut code = Vec::new();
    let mut s = InstructionSink::new(&mut code);
    // Not an atom: badarg.
    s.local_get(m_l).ref_test_non_null(HeapType::Concrete(atom)).local_get(f_l).ref_test_non_null(HeapType::Concrete(atom)).i32_and().i32_eqz();
    s.if_(BlockType::Empty).call(raise_badarg).unreachable().end();
    s.block(BlockType::Empty); // $undef
    for (id, fs) in &plans {
        s.local_get(m_l).ref_cast_non_null(HeapType::Concrete(atom)).struct_get(atom, 0).i32_const(*id as i32).i32_eq();
        s.if_(BlockType::Empty);
        for (g, callee, lit) in fs {
            s.local_get(f_l);
            g.emit(&mut s);
            s.ref_eq();
            s.if_(BlockType::Empty);
            for i in 0..arity {
                s.local_get(arg(i));
            }
            match callee {
                Callee::Compiled(f) | Callee::Intrinsic(f) => {
                    s.return_call(*f);
                }
                Callee::Bif(f, _) => {
                    s.call(*f).local_tee(tmp).global_get(fail).ref_eq();
                    s.if_(BlockType::Empty);
                    crate::codegen::push_literal(&mut s, cg.rt, lit.unwrap_or(0))?;
                    for i in 0..arity {
                        s.local_get(arg(i));
                    }
                    s.array_new_fixed(tuple, arity).call(raise_bif).unreachable().end();
                    s.local_get(tmp).return_();
                }
            }
            s.end();
        }
        s.br(1).end();
    }
    s.end();
    s.local_get(m_l).local_get(f_l);
    for i in 0..arity {
        s.local_get(arg(i));
    }
    s.array_new_fixed(tuple, arity).call(raise_undef).unreachable();
    s.end();
    cg.set_body(idx, vec![TERM], code);
    Ok(())
}

/// `hook:apply_mfa(M, F, Args)`: `erlang:apply/3` — unpack the list, then `apply/N`.
fn apply_mfa(cg: &mut Codegen, max_arity: u32) -> Result<(), Diagnostic> {
    let cons = cg.rt.ty("cons")?;
    let tuple = cg.rt.ty("tuple")?;
    let atom = cg.rt.ty("atom")?;
    let list_length = cg.rt.func("list_length")?;
    let raise_apply_badarg = cg.rt.func("raise_apply_badarg")?;
    let raise_undef = cg.rt.func("raise_undef")?;
    let list_to_tuple = cg.rt.func("list_to_tuple_unchecked")?;
    let (m, f, args) = (0u32, 1u32, 2u32);
    let (n, cur) = (3u32, 4u32);
    let mut code = Vec::new();
    let mut s = InstructionSink::new(&mut code);
    // A module or function that is no atom, or arguments that are no proper list: badarg
    // with apply/3's own frame, as on the VM.
    s.local_get(args).call(list_length).local_tee(n).i32_const(0).i32_lt_s();
    s.local_get(m).ref_test_non_null(HeapType::Concrete(atom)).local_get(f).ref_test_non_null(HeapType::Concrete(atom)).i32_and().i32_eqz();
    s.i32_or();
    s.if_(BlockType::Empty).local_get(m).local_get(f).local_get(args).call(raise_apply_badarg).unreachable().end();
    for a in 0..=max_arity {
        let Some(&d) = cg.apply_dispatch.get(&a) else { continue };
        s.local_get(n).i32_const(a as i32).i32_eq();
        s.if_(BlockType::Empty);
        s.local_get(m).local_get(f);
        s.local_get(args).local_set(cur);
        for _ in 0..a {
            s.local_get(cur).ref_cast_non_null(HeapType::Concrete(cons)).struct_get(cons, 0);
            s.local_get(cur).ref_cast_non_null(HeapType::Concrete(cons)).struct_get(cons, 1).local_set(cur);
        }
        s.return_call(d).end();
    }
    s.local_get(m).local_get(f).local_get(args).call(list_to_tuple).ref_cast_non_null(HeapType::Concrete(tuple));
    s.call(raise_undef).unreachable().end();
    hook(cg, "hook:apply_mfa", vec![ValType::I32, TERM], code)
}

/// `hook:apply_fun(Fun, Args)`: `erlang:apply/2` — check the fun and the argument count,
/// unpack the list, and call through the fun's code.
fn apply_fun(cg: &mut Codegen) -> Result<(), Diagnostic> {
    let cons = cg.rt.ty("cons")?;
    let fun = cg.rt.ty("fun")?;
    let list_length = cg.rt.func("list_length")?;
    let raise_apply_fun = cg.rt.func("raise_apply_fun")?;
    let arities: BTreeSet<u32> = funs_arities(cg);
    let (f, args) = (0u32, 1u32);
    let (n, cur) = (2u32, 3u32);
    let mut clos = BTreeMap::new();
    for a in &arities {
        clos.insert(*a, cg.clos_type(*a)?);
    }
    let mut code = Vec::new();
    let mut s = InstructionSink::new(&mut code);
    s.local_get(args).call(list_length).local_set(n);
    s.local_get(f).ref_test_non_null(HeapType::Concrete(fun));
    s.if_(BlockType::Empty);
    for (a, ty) in &clos {
        s.local_get(n).i32_const(*a as i32).i32_eq();
        s.local_get(f).ref_cast_non_null(HeapType::Concrete(fun)).struct_get(fun, 1).i32_const(*a as i32).i32_eq().i32_and();
        s.if_(BlockType::Empty);
        s.local_get(args).local_set(cur);
        for _ in 0..*a {
            s.local_get(cur).ref_cast_non_null(HeapType::Concrete(cons)).struct_get(cons, 0);
            s.local_get(cur).ref_cast_non_null(HeapType::Concrete(cons)).struct_get(cons, 1).local_set(cur);
        }
        s.local_get(f).ref_cast_non_null(HeapType::Concrete(fun));
        s.local_get(f).ref_cast_non_null(HeapType::Concrete(fun)).struct_get(fun, 0).ref_cast_non_null(HeapType::Concrete(*ty));
        s.return_call_ref(*ty).end();
    }
    s.end();
    s.local_get(f).local_get(args).call(raise_apply_fun).unreachable().end();
    hook(cg, "hook:apply_fun", vec![ValType::I32, TERM], code)
}

/// The arities of every fun the program can make: lambdas and export funs.
fn funs_arities(cg: &Codegen) -> BTreeSet<u32> {
    let mut set: BTreeSet<u32> = cg.export_funs.keys().map(|m| m.arity).collect();
    for m in &cg.linked.program.modules {
        for l in &m.beam.lambdas {
            set.insert(l.arity - l.num_free);
        }
    }
    set
}

/// `hook:resume_frame(Frame)`: a label-0 frame is a fresh call with its saved arguments;
/// any other frame is re-entered in resume mode (null arguments; the callee's prologue
/// reads the frame).
fn resume_frame(cg: &mut Codegen) -> Result<(), Diagnostic> {
    let frame = cg.rt.ty("frame")?;
    let tuple = cg.rt.ty("tuple")?;
    let mut arities: BTreeSet<u32> = BTreeSet::new();
    for &f in &cg.linked.functions {
        if let Some(func) = cg.linked.program.get(f.module).and_then(|m| m.functions.get(f.func)) {
            arities.insert(func.arity);
        }
    }
    for a in [1u32, 2, 3] {
        arities.insert(a);
    }
    let mut types = BTreeMap::new();
    for a in &arities {
        types.insert(*a, cg.fn_type(*a));
    }
    let fr = 0u32;
    let mut code = Vec::new();
    let mut s = InstructionSink::new(&mut code);
    for (a, ty) in &types {
        s.local_get(fr).struct_get(frame, 5).i32_const(0xff).i32_and().i32_const(*a as i32).i32_eq();
        s.if_(BlockType::Empty);
        s.local_get(fr).struct_get(frame, 1).i32_eqz();
        s.if_(BlockType::Empty);
        for i in 0..*a {
            s.local_get(fr).struct_get(frame, 3).ref_as_non_null().i32_const(i as i32).array_get(tuple);
        }
        s.local_get(fr).struct_get(frame, 0).ref_cast_non_null(HeapType::Concrete(*ty)).return_call_ref(*ty);
        s.end();
        for _ in 0..*a {
            s.ref_null(crate::codegen::NONE);
        }
        s.local_get(fr).struct_get(frame, 0).ref_cast_non_null(HeapType::Concrete(*ty)).return_call_ref(*ty);
        s.end();
    }
    s.unreachable().end();
    let _ = RefType::EQREF;
    hook(cg, "hook:resume_frame", vec![], code)
}

/// Pushes a table of sorted i32 triples for `$triple_search` (an integer table).
fn push_table(cg: &mut Codegen, s: &mut InstructionSink, values: impl Iterator<Item = i32>) -> Result<(), Diagnostic> {
    let k = cg.int_tables.add(3, values.collect());
    cg.push_int_table(s, k)
}
