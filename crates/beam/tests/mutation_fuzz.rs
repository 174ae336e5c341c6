//! A seeded mutation fuzzer over real `.beam` files (and the hand-made samples of
//! `beam::testing`): bit flips, truncations, byte
//! insertions, corrupted chunk sizes and inflated length fields. Parsing (and, when it
//! succeeds, disassembling) must never panic, and every error must point inside the
//! input and name a chunk that the input has. `BEAM_MUTANTS=N` and
//! `BEAM_MUTATION_SEED=S` run a longer or different campaign.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use common::installed;

/// xorshift64*: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Offsets of the chunk size fields and chunk data starts in a well-formed file.
fn chunk_fields(bytes: &[u8]) -> Vec<(usize, usize)> {
    beam::container::chunks(bytes)
        .map(|cs| cs.iter().map(|c| (c.offset - 4, c.offset)).collect())
        .unwrap_or_default()
}

fn mutate(rng: &mut Rng, original: &[u8]) -> (Vec<u8>, &'static str) {
    let mut b = original.to_vec();
    let fields = chunk_fields(original);
    let len = b.len();
    match rng.below(6) {
        0 => {
            for _ in 0..=rng.below(8) {
                let i = rng.below(len);
                b[i] ^= 1 << rng.below(8);
            }
            (b, "bit flips")
        }
        1 => {
            b.truncate(rng.below(len));
            (b, "truncation")
        }
        2 => {
            let at = rng.below(len + 1);
            let n = 1 + rng.below(16);
            let junk: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            b.splice(at..at, junk);
            (b, "byte insertion")
        }
        3 => {
            let (size_at, _) = fields[rng.below(fields.len())];
            let value = match rng.below(3) {
                0 => u32::MAX - rng.below(16) as u32,
                1 => rng.next() as u32 % 4096,
                _ => u32::from_be_bytes([b[size_at], b[size_at + 1], b[size_at + 2], b[size_at + 3]]) ^ (1 << rng.below(12)),
            };
            b[size_at..size_at + 4].copy_from_slice(&value.to_be_bytes());
            (b, "chunk size corruption")
        }
        4 => {
            // Inflate a 32-bit length field at the start of a chunk (counts, sizes).
            let (_, data) = fields[rng.below(fields.len())];
            let at = (data + 4 * rng.below(5)).min(len.saturating_sub(4));
            let value = [0x7fff_ffff, 0xffff_ffff, 0x0100_0000, 0x0000_ffff][rng.below(4)];
            b[at..at + 4].copy_from_slice(&u32::to_be_bytes(value));
            (b, "length field inflation")
        }
        _ => {
            // Overwrite a run inside one chunk with random bytes.
            let (_, data) = fields[rng.below(fields.len())];
            let at = (data + rng.below(64)).min(len - 1);
            let end = (at + 1 + rng.below(8)).min(len);
            for byte in &mut b[at..end] {
                *byte = rng.next() as u8;
            }
            (b, "random overwrite")
        }
    }
}

#[test]
fn mutated_beam_files_never_panic_and_errors_point_inside_the_input() -> Result<(), String> {
    let files = installed::beam_files()?;
    // BEAM_MUTATION_SEED and BEAM_MUTANTS run other or longer campaigns locally.
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let mut rng = Rng(env("BEAM_MUTATION_SEED").unwrap_or(0x5eed_2026_0bea_0001) | 1);
    // A spread of small and large modules, OTP's and Elixir's.
    let mut originals = Vec::new();
    for _ in 0..24 {
        let path = &files[rng.below(files.len())];
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if bytes.len() <= 200_000 {
            originals.push((path.clone(), bytes));
        }
    }
    // And the hand-made modules that use the layouts installed OTP 25 files lack.
    for (i, bytes) in beam::testing::sample_modules().into_iter().enumerate() {
        originals.push((format!("sample module {i}").into(), bytes));
    }
    let mutants = env("BEAM_MUTANTS").map_or(3000, |n| n as usize);
    let (mut parsed, mut rejected) = (0, 0);
    for n in 0..mutants {
        let (path, original) = &originals[n % originals.len()];
        let (bytes, kind) = mutate(&mut rng, original);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            beam::BeamFile::parse(&bytes).map(|f| (beam::disasm::listing(&f).is_ok(), beam::disasm::eterm(&f).is_ok()))
        }));
        match outcome {
            Err(_) => return Err(format!("mutant {n} ({kind}) of {} made the reader panic", path.display())),
            Ok(Ok(_)) => parsed += 1,
            Ok(Err(e)) => {
                rejected += 1;
                if e.offset() > bytes.len() {
                    return Err(format!("mutant {n} ({kind}): offset past the end: {e}"));
                }
                if let Some(id) = e.chunk()
                    && !bytes.windows(4).any(|w| w == id.0)
                {
                    return Err(format!("mutant {n} ({kind}): names a chunk the input lacks: {e}"));
                }
                if !e.to_string().contains("at byte ") || e.message().is_empty() {
                    return Err(format!("mutant {n} ({kind}): error lacks a location: {e}"));
                }
            }
        }
    }
    println!("{mutants} mutants: {parsed} parsed, {rejected} rejected with located errors");
    assert!(rejected > mutants / 4, "too few mutants were rejected ({rejected}); the mutator is not biting");
    Ok(())
}
