fn main() -> std::process::ExitCode {
    tessera_api::cli::main()
}
