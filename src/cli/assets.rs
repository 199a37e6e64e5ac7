//! `shenyue __generate-assets DIR`: the man pages and shell completions,
//! generated from the clap definitions so they never drift from the
//! binary. `scripts/package-deb` runs it and puts the files in the package.

use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, CliError};

/// Writes `man/shenyue.1` (and one page per subcommand) and the bash, zsh
/// and fish completions (`completions/shenyue.bash`, `_shenyue`,
/// `shenyue.fish`) under `dir`; returns the files written.
pub fn generate(dir: &Path) -> Result<Vec<std::path::PathBuf>, CliError> {
    let fail = |what: &Path, e: std::io::Error| CliError(format!("{}: {e}", what.display()));
    let man = dir.join("man");
    let completions = dir.join("completions");
    for d in [&man, &completions] {
        std::fs::create_dir_all(d).map_err(|e| fail(d, e))?;
    }
    let mut written = Vec::new();
    // Built, subcommands know their display names (shenyue-check, …).
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = vec![cmd.clone()];
    pages.extend(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    for page in pages {
        let man_page = clap_mangen::Man::new(page);
        let mut roff = Vec::new();
        man_page.render(&mut roff).map_err(|e| fail(&man, e))?;
        let path = man.join(man_page.get_filename());
        crate::atomic::write_atomic(&path, &roff).map_err(|e| fail(&path, e))?;
        written.push(path);
    }
    for (shell, file) in [
        (Shell::Bash, "shenyue.bash"),
        (Shell::Zsh, "_shenyue"),
        (Shell::Fish, "shenyue.fish"),
    ] {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut visible_command(), "shenyue", &mut script);
        let path = completions.join(file);
        crate::atomic::write_atomic(&path, &script).map_err(|e| fail(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// The command line without its internal (hidden) subcommands, which
/// clap_complete would otherwise offer.
fn visible_command() -> clap::Command {
    let full = Cli::command();
    let mut visible = clap::Command::new("shenyue").version(env!("CARGO_PKG_VERSION"));
    if let Some(about) = full.get_about() {
        visible = visible.about(about.clone());
    }
    for arg in full.get_arguments() {
        visible = visible.arg(arg.clone());
    }
    for sub in full.get_subcommands().filter(|s| !s.is_hide_set()) {
        visible = visible.subcommand(sub.clone());
    }
    visible
}
