//! The `shenyue` binary: the GUI, or a headless subcommand.

/// mimalloc instead of glibc's malloc: the analysis allocates many small
/// vectors and strings per report, and batch review does it on every core
/// at once: 15–20 % less CPU time than glibc's malloc on the corpus
/// (docs/PERFORMANCE.md). Built without transparent huge pages (the
/// `no_thp` feature): with them every first touch of a 2 MiB region is
/// zeroed whole, which cost 45 MB of resident memory and up to 0.3 s of
/// kernel time per 1,000 reports.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    shenyue::cli::main()
}
