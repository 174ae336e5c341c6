//! Reads Erlang terms written as text, the way `file:consult/1` reads them: a sequence of
//! terms, each ended by a full stop. This is the format of application resource files
//! (`NAME.app`), release files and `sys.config`.
//!
//! Expects: UTF-8 (or Latin-1 that is valid UTF-8) text. Guarantees: every term of the
//! file, in order, or an error naming the line; never panics on any input. Supported:
//! atoms (bare and quoted, with escapes), integers (decimal, `Base#Digits`, `$c`
//! characters, any size), floats, strings (as lists of code points; adjacent strings
//! concatenate), binaries of strings and integers (`<<"abc", 1, 2>>`), tuples, lists
//! (proper and `[H | T]`), maps (`#{K => V}`), `fun M:F/A`, and `%` comments. Variables,
//! operators and records are not terms and are errors, as in `file:consult/1`.

use crate::int::Int;
use crate::term::Term;

/// A syntax error: the line (from 1) and what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsultError {
    /// The line where the error was found.
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

impl std::fmt::Display for ConsultError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ConsultError {}

/// Nesting deeper than this is an error rather than a deep recursion.
const MAX_DEPTH: usize = 256;

/// Reads every term of `text`.
pub fn consult(text: &str) -> Result<Vec<Term>, ConsultError> {
    let mut p = Parser { chars: text.chars().collect(), pos: 0, line: 1 };
    let mut terms = Vec::new();
    loop {
        p.skip_blank();
        if p.peek().is_none() {
            return Ok(terms);
        }
        let t = p.term(0)?;
        p.skip_blank();
        if p.peek() != Some('.') {
            return Err(p.error("expected '.' after a term"));
        }
        p.pos += 1;
        match p.peek() {
            None => {}
            Some(c) if c.is_whitespace() || c == '%' => {}
            Some(_) => return Err(p.error("expected white space after '.'")),
        }
        terms.push(t);
    }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    line: usize,
}

impl Parser {
    fn error(&self, message: &str) -> ConsultError {
        ConsultError { line: self.line, message: message.to_string() }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn skip_blank(&mut self) {
        while let Some(c) = self.peek() {
            if c == '%' {
                while let Some(c) = self.peek() {
                    if c == '\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else if c.is_whitespace() {
                self.bump();
            } else {
                break;
            }
        }
    }

    fn expect(&mut self, c: char) -> Result<(), ConsultError> {
        self.skip_blank();
        if self.peek() == Some(c) {
            self.bump();
            Ok(())
        } else {
            Err(self.error(&format!("expected '{c}'")))
        }
    }

    fn term(&mut self, depth: usize) -> Result<Term, ConsultError> {
        if depth > MAX_DEPTH {
            return Err(self.error("terms nest too deeply"));
        }
        self.skip_blank();
        let Some(c) = self.peek() else { return Err(self.error("unexpected end of text")) };
        match c {
            '{' => {
                self.bump();
                let elems = self.sequence('}', depth)?;
                Ok(Term::Tuple(elems))
            }
            '[' => self.list(depth),
            '#' => {
                self.bump();
                self.expect('{')?;
                self.map(depth)
            }
            '<' if self.peek_at(1) == Some('<') => {
                self.pos += 2;
                self.binary(depth)
            }
            '"' => {
                let mut codes = Vec::new();
                loop {
                    codes.extend(self.quoted('"')?);
                    self.skip_blank();
                    if self.peek() != Some('"') {
                        break;
                    }
                }
                Ok(Term::list(codes.into_iter().map(|c| Term::Int(i64::from(c))).collect()))
            }
            '\'' => {
                let name: String = self.quoted('\'')?.into_iter().filter_map(char::from_u32).collect();
                Ok(Term::Atom(name))
            }
            '$' => {
                self.bump();
                let c = match self.bump() {
                    Some('\\') => self.escape()?,
                    Some(c) => c as u32,
                    None => return Err(self.error("unexpected end of text after '$'")),
                };
                Ok(Term::Int(i64::from(c)))
            }
            '-' | '+' => {
                self.bump();
                self.skip_blank();
                match self.peek() {
                    Some(d) if d.is_ascii_digit() => self.number(c == '-'),
                    _ => Err(self.error("expected a number after a sign")),
                }
            }
            d if d.is_ascii_digit() => self.number(false),
            a if a.is_lowercase() => {
                let name = self.word();
                if name == "fun" {
                    return self.export_fun();
                }
                Ok(Term::Atom(name))
            }
            _ => Err(self.error(&format!("unexpected character '{c}'"))),
        }
    }

    /// Comma-separated terms up to `close`.
    fn sequence(&mut self, close: char, depth: usize) -> Result<Vec<Term>, ConsultError> {
        let mut elems = Vec::new();
        self.skip_blank();
        if self.peek() == Some(close) {
            self.bump();
            return Ok(elems);
        }
        loop {
            elems.push(self.term(depth + 1)?);
            self.skip_blank();
            match self.bump() {
                Some(',') => {}
                Some(c) if c == close => return Ok(elems),
                _ => return Err(self.error(&format!("expected ',' or '{close}'"))),
            }
        }
    }

    fn list(&mut self, depth: usize) -> Result<Term, ConsultError> {
        self.bump();
        let mut elems = Vec::new();
        self.skip_blank();
        if self.peek() == Some(']') {
            self.bump();
            return Ok(Term::Nil);
        }
        loop {
            elems.push(self.term(depth + 1)?);
            self.skip_blank();
            match self.bump() {
                Some(',') => {}
                Some(']') => return Ok(Term::list(elems)),
                Some('|') => {
                    let tail = self.term(depth + 1)?;
                    self.expect(']')?;
                    return Ok(Term::improper_list(elems, tail));
                }
                _ => return Err(self.error("expected ',', '|' or ']'")),
            }
        }
    }

    fn map(&mut self, depth: usize) -> Result<Term, ConsultError> {
        let mut pairs = Vec::new();
        self.skip_blank();
        if self.peek() == Some('}') {
            self.bump();
            return Ok(Term::Map(pairs));
        }
        loop {
            let k = self.term(depth + 1)?;
            self.skip_blank();
            if !(self.peek() == Some('=') && self.peek_at(1) == Some('>')) {
                return Err(self.error("expected '=>' in a map"));
            }
            self.pos += 2;
            let v = self.term(depth + 1)?;
            pairs.push((k, v));
            self.skip_blank();
            match self.bump() {
                Some(',') => {}
                Some('}') => return Ok(Term::Map(pairs)),
                _ => return Err(self.error("expected ',' or '}' in a map")),
            }
        }
    }

    fn binary(&mut self, depth: usize) -> Result<Term, ConsultError> {
        let mut bytes = Vec::new();
        self.skip_blank();
        if self.peek() == Some('>') && self.peek_at(1) == Some('>') {
            self.pos += 2;
            return Ok(Term::Binary(bytes));
        }
        loop {
            self.skip_blank();
            if self.peek() == Some('"') {
                for c in self.quoted('"')? {
                    bytes.push(u8::try_from(c).map_err(|_| self.error("a character above 255 in a binary string"))?);
                }
            } else {
                match self.term(depth + 1)? {
                    Term::Int(n) => bytes.push((n & 0xff) as u8),
                    _ => return Err(self.error("binary segments must be integers or strings")),
                }
            }
            self.skip_blank();
            if self.peek() == Some(',') {
                self.bump();
                continue;
            }
            if self.peek() == Some('>') && self.peek_at(1) == Some('>') {
                self.pos += 2;
                return Ok(Term::Binary(bytes));
            }
            return Err(self.error("expected ',' or '>>' in a binary"));
        }
    }

    fn export_fun(&mut self) -> Result<Term, ConsultError> {
        self.skip_blank();
        let module = self.atom_name()?;
        self.expect(':')?;
        self.skip_blank();
        let function = self.atom_name()?;
        self.expect('/')?;
        self.skip_blank();
        let arity = match self.number(false)? {
            Term::Int(n) => u8::try_from(n).map_err(|_| self.error("a fun's arity must be 0 to 255"))?,
            _ => return Err(self.error("a fun's arity must be an integer")),
        };
        Ok(Term::ExportFun { module, function, arity })
    }

    fn atom_name(&mut self) -> Result<String, ConsultError> {
        match self.peek() {
            Some('\'') => Ok(self.quoted('\'')?.into_iter().filter_map(char::from_u32).collect()),
            Some(c) if c.is_lowercase() => Ok(self.word()),
            _ => Err(self.error("expected an atom")),
        }
    }

    fn word(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' || c == '@' {
                s.push(c);
                self.pos += 1;
            } else {
                break;
            }
        }
        s
    }

    /// A quoted string or atom body; the opening quote is at the cursor.
    fn quoted(&mut self, quote: char) -> Result<Vec<u32>, ConsultError> {
        self.bump();
        let mut out = Vec::new();
        loop {
            match self.bump() {
                None => return Err(self.error("unterminated quoted text")),
                Some(c) if c == quote => return Ok(out),
                Some('\\') => out.push(self.escape()?),
                Some(c) => out.push(c as u32),
            }
        }
    }

    /// An escape sequence after its backslash.
    fn escape(&mut self) -> Result<u32, ConsultError> {
        let Some(c) = self.bump() else { return Err(self.error("unterminated escape")) };
        Ok(match c {
            'n' => 10,
            'r' => 13,
            't' => 9,
            'v' => 11,
            'b' => 8,
            'f' => 12,
            'e' => 27,
            's' => 32,
            'd' => 127,
            '0'..='7' => {
                let mut v = c.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match self.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            self.pos += 1;
                        }
                        None => break,
                    }
                }
                v
            }
            'x' => {
                if self.peek() == Some('{') {
                    self.bump();
                    let mut v: u32 = 0;
                    loop {
                        match self.bump() {
                            Some('}') => break,
                            Some(d) => {
                                let d = d.to_digit(16).ok_or_else(|| self.error("bad \\x{...} escape"))?;
                                v = v.checked_mul(16).and_then(|v| v.checked_add(d)).ok_or_else(|| self.error("\\x{...} too large"))?;
                            }
                            None => return Err(self.error("unterminated \\x{...} escape")),
                        }
                    }
                    v
                } else {
                    let mut v = 0;
                    for _ in 0..2 {
                        let d = self.bump().and_then(|d| d.to_digit(16)).ok_or_else(|| self.error("bad \\x escape"))?;
                        v = v * 16 + d;
                    }
                    v
                }
            }
            '^' => {
                let c = self.bump().ok_or_else(|| self.error("unterminated \\^ escape"))?;
                (c as u32) & 31
            }
            other => other as u32,
        })
    }

    fn number(&mut self, negative: bool) -> Result<Term, ConsultError> {
        let mut digits = String::new();
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() || c == '_' {
                if c != '_' {
                    digits.push(c);
                }
                self.pos += 1;
            } else {
                break;
            }
        }
        // Base#Digits
        if self.peek() == Some('#') {
            let base: u32 = digits.parse().map_err(|_| self.error("bad integer base"))?;
            if !(2..=36).contains(&base) {
                return Err(self.error("integer base must be 2 to 36"));
            }
            self.bump();
            let mut ds = String::new();
            while let Some(c) = self.peek() {
                if c.is_digit(base) || c == '_' {
                    if c != '_' {
                        ds.push(c);
                    }
                    self.pos += 1;
                } else {
                    break;
                }
            }
            if ds.is_empty() {
                return Err(self.error("no digits after '#'"));
            }
            return Ok(int_from_digits(&ds, base, negative));
        }
        // Float: digits '.' digits [e[+-]digits]
        if self.peek() == Some('.') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
            let mut s = digits;
            s.push('.');
            self.bump();
            while let Some(c) = self.peek() {
                if c.is_ascii_digit() {
                    s.push(c);
                    self.pos += 1;
                } else {
                    break;
                }
            }
            if matches!(self.peek(), Some('e' | 'E')) {
                s.push('e');
                self.pos += 1;
                if let Some(sign @ ('+' | '-')) = self.peek() {
                    s.push(sign);
                    self.pos += 1;
                }
                while let Some(c) = self.peek() {
                    if c.is_ascii_digit() {
                        s.push(c);
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
            }
            let f: f64 = s.parse().map_err(|_| self.error("bad float"))?;
            return Ok(Term::Float(if negative { -f } else { f }));
        }
        Ok(int_from_digits(&digits, 10, negative))
    }
}

/// An integer from digits in `base`, of any size.
fn int_from_digits(digits: &str, base: u32, negative: bool) -> Term {
    // Little-endian magnitude bytes, multiplied up digit by digit.
    let mut mag: Vec<u8> = vec![0];
    for c in digits.chars() {
        let mut carry = c.to_digit(base).unwrap_or(0);
        for b in mag.iter_mut() {
            let v = u32::from(*b) * base + carry;
            *b = (v & 0xff) as u8;
            carry = v >> 8;
        }
        while carry > 0 {
            mag.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    Term::from_int(Int::from_sign_magnitude(negative, &mag))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Term {
        let mut v = consult(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(v.len(), 1, "{s}");
        v.remove(0)
    }

    #[test]
    fn reads_an_application_resource_file() {
        let text = "%% comment\n{application, ex_unit,\n [{description, \"ExUnit\"},\n  {vsn, \"1.14.0\"},\n  {modules, ['Elixir.ExUnit', 'Elixir.ExUnit.Case']},\n  {registered, []},\n  {applications, [kernel,stdlib,elixir]},\n  {mod, {'Elixir.ExUnit', []}},\n  {env, [{autorun, true}, {max_cases, 4}, {timeout, 60000}, {seed, -1}]}]}.\n";
        let t = one(text);
        let Term::Tuple(e) = t else { panic!("not a tuple") };
        assert_eq!(e[0], Term::atom("application"));
        assert_eq!(e[1], Term::atom("ex_unit"));
        let Some(props) = e[2].as_proper_list() else { panic!("not a list") };
        assert_eq!(props.len(), 7);
        assert_eq!(props[5], Term::tuple(vec![Term::atom("mod"), Term::tuple(vec![Term::atom("Elixir.ExUnit"), Term::Nil])]));
    }

    #[test]
    fn reads_numbers_strings_and_escapes() {
        assert_eq!(one("16#ff."), Term::Int(255));
        assert_eq!(one("-42."), Term::Int(-42));
        assert_eq!(one("$a."), Term::Int(97));
        assert_eq!(one("$\\n."), Term::Int(10));
        assert_eq!(one("1.5e3."), Term::Float(1500.0));
        assert_eq!(one("\"a\\x{3c9}\" \"b\"."), Term::list(vec![Term::Int(97), Term::Int(0x3c9), Term::Int(98)]));
        assert_eq!(one("'hello world'."), Term::atom("hello world"));
        assert_eq!(one("<<\"ab\", 1>>."), Term::Binary(vec![97, 98, 1]));
        assert_eq!(one("[a | b]."), Term::improper_list(vec![Term::atom("a")], Term::atom("b")));
        assert_eq!(one("#{a => 1}."), Term::Map(vec![(Term::atom("a"), Term::Int(1))]));
        assert_eq!(one("fun lists:map/2."), Term::ExportFun { module: "lists".into(), function: "map".into(), arity: 2 });
        let big = one("123456789012345678901234567890.");
        assert_eq!(big.to_string(), "123456789012345678901234567890");
    }

    #[test]
    fn rejects_what_is_not_a_term() {
        assert!(consult("{a, B}.").is_err());
        assert!(consult("{a, b}").is_err());
        assert!(consult("[a, b.").is_err());
        assert_eq!(consult("\n\n{a,, b}.").map_err(|e| e.line), Err(3));
        assert!(consult(&"[".repeat(1000)).is_err());
    }

    #[test]
    fn reads_every_installed_app_file() {
        for root in ["/usr/lib/erlang/lib", "/usr/lib/elixir/lib"] {
            let Ok(dirs) = std::fs::read_dir(root) else { continue };
            for d in dirs.flatten() {
                let Ok(files) = std::fs::read_dir(d.path().join("ebin")) else { continue };
                for f in files.flatten() {
                    let p = f.path();
                    if p.extension().is_some_and(|e| e == "app") {
                        let text = std::fs::read_to_string(&p).unwrap_or_default();
                        let terms = consult(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                        assert_eq!(terms.len(), 1, "{}", p.display());
                    }
                }
            }
        }
    }
}
