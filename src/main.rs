fn main() {
    std::process::exit(treatylint::cli::run());
}
