//! The `shenyue` binary: the GUI, or a headless subcommand.

/// mimalloc instead of glibc's malloc: the analysis allocates many small
/// vectors and strings per report, and batch review does it on every core
/// at once: 15–20 % less CPU time than glibc's malloc on the corpus
/// (docs/PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    shenyue::cli::main()
}
