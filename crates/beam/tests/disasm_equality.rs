//! The reader's proof: `beam::disasm::eterm` equals OTP's `beam_disasm:file/1` on every
//! installed OTP and Elixir module, compared with `=:=` by an escript.
//!
//! Needs `erl`, `escript` and `elixir` on the PATH; without them the test fails and says
//! so (it never passes without comparing).

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use common::installed;

#[test]
fn disasm_equals_beam_disasm_on_every_installed_module() -> Result<(), String> {
    let files = installed::beam_files()?;
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("disasm_equality");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut manifest = String::new();
    let mut reader_failures = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        // beam_disasm:file/1 reads gzip-compressed files as the loader does.
        let text = beam::container::uncompressed(&bytes)
            .and_then(|bytes| beam::BeamFile::parse(&bytes).and_then(|f| beam::disasm::eterm(&f)));
        let out = match text {
            Ok(text) => {
                let out = dir.join(format!("{i}.eterm"));
                std::fs::write(&out, text).map_err(|e| format!("{}: {e}", out.display()))?;
                out.display().to_string()
            }
            Err(e) => {
                reader_failures.push(e.with_file(path).to_string());
                "-".to_string()
            }
        };
        let _ = writeln!(manifest, "{}\t{out}", path.display());
    }
    let manifest_path = dir.join("manifest.tsv");
    std::fs::write(&manifest_path, manifest).map_err(|e| e.to_string())?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/disasm_compare.escript");
    let output = Command::new("escript")
        .arg(&script)
        .arg(&manifest_path)
        .output()
        .map_err(|e| format!("cannot run escript ({e}); install Erlang/OTP (scripts/bootstrap.sh)"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    for failure in &reader_failures {
        println!("READER_ERROR {failure}");
    }
    if !output.status.success() {
        return Err(format!("the compare escript failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    let summary = stdout
        .lines()
        .find_map(|l| l.strip_prefix("disasm equality: "))
        .ok_or("the compare escript printed no summary")?;
    let numbers: Vec<usize> = summary.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    let [compared, equal, disasm_errors] = numbers.as_slice() else {
        return Err(format!("unreadable summary: {summary}"));
    };
    println!("disasm equality: {compared} compared, {equal} equal");
    if *disasm_errors > 0 {
        return Err(format!("beam_disasm itself failed on {disasm_errors} modules; see BEAM_DISASM_ERROR lines"));
    }
    if *compared != files.len() || equal != compared {
        return Err(format!("{} of {compared} modules differ from beam_disasm (of {} files)", compared - equal, files.len()));
    }
    Ok(())
}

/// Terms with no source form (pids, ports, references, local funs) and the other
/// printing edge cases survive beamwasm's printer and the escript's normalisation: the
/// text reads back as the normalised term. This pins the normalisation the proof test
/// relies on, though no installed module needs it.
#[test]
fn printed_terms_read_back_as_the_normalised_originals() -> Result<(), String> {
    let make = "Ts = [self(), make_ref(), hd(erlang:ports()), fun() -> ok end, fun lists:map/2, \
                {1.0e300, -0.0, 0.1, <<1:3>>, <<>>, <<\"bin\">>, #{a => [1]}, [a|b]}, \
                1 bsl 100, -(1 bsl 100), \"str\", 'Quoted atom', 'caf\\x{e9}', [], {}, \
                list_to_pid(\"<0.42.7>\"), <<0:7>>, [$\\n, $\", $\\\\]], \
                [io:format(\"~s~n\", [binary:encode_hex(term_to_binary(T))]) || T <- Ts], halt().";
    let out = Command::new("erl")
        .args(["-noshell", "-eval", make])
        .output()
        .map_err(|e| format!("cannot run erl ({e}); install Erlang/OTP (scripts/bootstrap.sh)"))?;
    let mut lines = String::new();
    let mut count = 0;
    for hex in String::from_utf8_lossy(&out.stdout).lines() {
        let bytes: Vec<u8> = (0..hex.len() / 2)
            .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?;
        let term = beam::etf::decode(&bytes).map_err(|e| format!("{hex}: {e}"))?;
        let _ = writeln!(lines, "{hex}\t{term}");
        count += 1;
    }
    if count != 16 {
        return Err(format!("erl printed {count} terms: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join("terms.tsv");
    std::fs::write(&file, lines).map_err(|e| e.to_string())?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/disasm_compare.escript");
    let output = Command::new("escript").arg(&script).arg("--terms").arg(&file).output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    if stdout.contains(&format!("terms equality: {count} compared, {count} equal")) {
        Ok(())
    } else {
        Err(format!("printed terms do not read back: {stdout}{}", String::from_utf8_lossy(&output.stderr)))
    }
}
