//! The command line of a simulated year, shared by the examples: `--seed N`, `--year YYYY`,
//! `--out DIR`, `-h`/`--help`, `--threads N` and `--shelters N` where the example
//! simulates a country of shelters in parallel, and `--db FILE` where it writes its records to
//! a register. Bad
//! arguments exit 2 with the usage on standard error; a failed run exits 1.

use std::error::Error;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// An example's command line: its name, usage line, help text and defaults.
#[derive(Debug, Clone, Copy)]
pub struct Shell {
    /// The example's name, before every error message.
    pub name: &'static str,
    /// The usage line printed after a bad argument.
    pub usage: &'static str,
    /// The text of `--help`, on standard output.
    pub help: &'static str,
    /// The seed when none is given.
    pub seed: u64,
    /// The year when none is given.
    pub year: i32,
    /// Where the files go when `--out` is not given.
    pub out: &'static str,
    /// Whether `--threads N` and `--shelters N` are accepted (a country of shelters).
    pub country: bool,
    /// Whether `--db FILE` is accepted (the year's records written to a register file).
    pub db: bool,
}

/// The options of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The random seed.
    pub seed: u64,
    /// The year simulated, 2016 to 2100.
    pub year: i32,
    /// Where the files go.
    pub out: PathBuf,
    /// Worker threads asked for (`None`: one per core).
    pub threads: Option<usize>,
    /// Shelters asked for (`None`: all of them).
    pub shelters: Option<usize>,
    /// The register file asked for with `--db` (`None`: no register).
    pub db: Option<PathBuf>,
}

impl Shell {
    /// Reads the arguments (without the program's name). `Err` carries the message, empty
    /// for `--help`.
    ///
    /// # Errors
    ///
    /// A message for a missing value, a value that does not parse, a year outside 2016-2100,
    /// a count of 0 threads or shelters and an unknown argument; an empty one for
    /// `-h`/`--help`.
    ///
    /// ```
    /// use krisesenter_sim::shell::Shell;
    /// let shell = Shell { name: "x", usage: "", help: "", seed: 1, year: 2026, out: "o", country: false, db: false };
    /// let args = ["--seed".to_owned(), "7".to_owned()];
    /// assert_eq!(shell.options(&args).map(|o| o.seed), Ok(7));
    /// assert_eq!(shell.options(&["--threads".to_owned(), "2".to_owned()]), Err("unknown argument --threads".to_owned()));
    /// assert_eq!(shell.options(&["--db".to_owned(), "r.db".to_owned()]), Err("unknown argument --db".to_owned()));
    /// ```
    pub fn options(&self, args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            seed: self.seed,
            year: self.year,
            out: PathBuf::from(self.out),
            threads: None,
            shelters: None,
            db: None,
        };
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--seed" => options.seed = value()?.parse().map_err(|_| "--seed takes a whole number".to_owned())?,
                "--year" => {
                    options.year = value()?.parse().map_err(|_| "--year takes a year such as 2026".to_owned())?;
                    if !(2016..=2100).contains(&options.year) {
                        return Err("--year must be between 2016 and 2100".to_owned());
                    }
                }
                "--out" => options.out = PathBuf::from(value()?),
                "--threads" | "--shelters" if self.country => {
                    let n: usize = value()?.parse().map_err(|_| format!("{flag} takes a whole number"))?;
                    if n == 0 {
                        return Err(format!("{flag} must be at least 1"));
                    }
                    *(if flag == "--threads" { &mut options.threads } else { &mut options.shelters }) = Some(n);
                }
                "--db" if self.db => options.db = Some(PathBuf::from(value()?)),
                "-h" | "--help" => return Err(String::new()),
                other => return Err(format!("unknown argument {other}")),
            }
        }
        Ok(options)
    }

    /// Runs the example on the process's arguments: the help on `--help`, the usage and exit
    /// code 2 on a bad argument, otherwise `run`'s summary on standard output (exit 0) or its
    /// error on standard error (exit 1).
    pub fn main(&self, run: impl FnOnce(&Options) -> Result<String, Box<dyn Error>>) -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let options = match self.options(&args) {
            Ok(options) => options,
            Err(message) if message.is_empty() => return print(self.help),
            Err(message) => {
                eprintln!("{}: {message}", self.name);
                eprintln!("{}", self.usage);
                return ExitCode::from(2);
            }
        };
        match run(&options) {
            Ok(summary) => print(&summary),
            Err(err) => {
                eprintln!("{}: {err}", self.name);
                ExitCode::from(1)
            }
        }
    }
}

/// `text` on standard output: exit 0, or 1 when it cannot be written.
fn print(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()).is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
