//! The `shenyue` binary: the GUI, or a headless subcommand.

fn main() -> std::process::ExitCode {
    shenyue::cli::main()
}
