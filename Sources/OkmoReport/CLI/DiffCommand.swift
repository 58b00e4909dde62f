import OkmoCore

/// `okmo-report diff OLD NEW`: not built yet, and it says so (exit 64) rather than pretending.
enum DiffCommand {
    static let options: [OptionSpec] = [
        OptionSpec(name: "--format", takesValue: true, help: "markdown (default) or json", valueName: "FORMAT", allowed: ["markdown", "json"]),
    ]

    static func run(_ a: ParsedArguments) -> Int32 {
        Console.err("okmo-report diff: not available yet in this version\n")
        return ExitCode.usage
    }
}
