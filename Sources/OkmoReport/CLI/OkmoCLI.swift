import OkmoCore

/// The command line of the contract. `main.swift` hands argv here and exits with the result;
/// everything is testable without spawning a process.
public enum OkmoCLI {
    public static let version = "0.1.0"

    struct Command: Sendable {
        var name: String
        var summary: String
        var usage: String
        var options: [OptionSpec]
        var maxPositionals: Int
        var run: @Sendable (ParsedArguments) -> Int32
    }

    static let commands: [Command] = [
        Command(name: "build", summary: "parse every input and write report.md, report.html and records.json",
                usage: "okmo-report build [--input PATH]... [--out DIR] [--year YYYY] [--lang en|ru] [--templates DIR] [--data DIR] [--strict] [--diagnostics text|json|github]",
                options: BuildCommand.buildOptions, maxPositionals: 0, run: BuildCommand.runBuild),
        Command(name: "check", summary: "parse and report diagnostics only; writes nothing",
                usage: "okmo-report check [--input PATH]... [--data DIR] [--year YYYY] [--diagnostics text|json|github]",
                options: BuildCommand.checkOptions, maxPositionals: 0, run: BuildCommand.runCheck),
        Command(name: "parse", summary: "parse files and print the records JSON",
                usage: "okmo-report parse FILE... [--data DIR] [--year YYYY]",
                options: BuildCommand.parseOptions, maxPositionals: Int.max, run: BuildCommand.runParse),
        Command(name: "render", summary: "render one Mustache template with a JSON context",
                usage: "okmo-report render TEMPLATE [--context FILE.json] [--partials DIR] [--strict]",
                options: RenderCommand.options, maxPositionals: 1, run: RenderCommand.run),
        Command(name: "markdown", summary: "convert CommonMark (+ GFM tables) to an HTML fragment",
                usage: "okmo-report markdown [--safe] [FILE]",
                options: MarkdownCommand.options, maxPositionals: 1, run: MarkdownCommand.run),
        Command(name: "diff", summary: "compare two records.json files or build folders",
                usage: "okmo-report diff OLD NEW [--format markdown|json]",
                options: DiffCommand.options, maxPositionals: 2, run: DiffCommand.run),
    ]

    public static func run(_ args: [String]) -> Int32 {
        guard let first = args.first else {
            Console.err(usage())
            return ExitCode.usage
        }
        switch first {
        case "--help", "-h", "help":
            if first == "help", args.count > 1 {
                guard let c = commands.first(where: { $0.name == args[1] }) else { return unknownCommand(args[1]) }
                Console.out(help(c)); return ExitCode.ok
            }
            Console.out(usage()); return ExitCode.ok
        case "--version", "-V", "version":
            Console.out("okmo-report \(version)\n"); return ExitCode.ok
        default: break
        }
        guard let c = commands.first(where: { $0.name == first }) else { return unknownCommand(first) }
        let rest = Array(args.dropFirst())
        if rest.contains("--help") || rest.contains("-h") { Console.out(help(c)); return ExitCode.ok }
        do {
            let parsed = try ArgumentParser.parse(rest, options: c.options, command: c.name, maxPositionals: c.maxPositionals)
            return c.run(parsed)
        } catch {
            Console.err("okmo-report \(c.name): \(error.message)\n")
            return c.name == "diff" ? 2 : ExitCode.usage
        }
    }

    static func unknownCommand(_ name: String) -> Int32 {
        var msg = "okmo-report: unknown command '\(name)'"
        if let s = ArgumentParser.suggestion(for: name, among: commands.map(\.name)) { msg += "; did you mean '\(s)'?" }
        Console.err(msg + "\nRun 'okmo-report --help' for the list of commands.\n")
        return ExitCode.usage
    }

    static func usage() -> String {
        var s = """
        okmo-report \(version): compiles the yearly report "On the state of local self-government in the
        Russian Federation" from event listings and meeting notes.

        Usage: okmo-report COMMAND [OPTIONS]

        Commands:

        """
        for c in commands { s += "  " + c.name.padding(10) + c.summary + "\n" }
        s += """

        Run 'okmo-report help COMMAND' (or COMMAND --help) for its options.
        Exit codes: 0 ok, 1 warnings under --strict, 64 usage, 65 bad data, 66 unreadable input, 73 unwritable output.

        """
        return s
    }

    static func help(_ c: Command) -> String {
        var s = "okmo-report \(c.name): \(c.summary)\n\nUsage: \(c.usage)\n"
        if !c.options.isEmpty {
            s += "\nOptions:\n"
            for o in c.options {
                let head = o.name + (o.takesValue ? " " + o.valueName : "")
                s += "  " + head.padding(24) + o.help + (o.repeatable ? " (repeatable)" : "") + "\n"
            }
        }
        return s
    }
}

extension String {
    func padding(_ width: Int) -> String {
        let n = self.unicodeScalars.count
        return n >= width ? self + " " : self + String(repeating: " ", count: width - n)
    }
}
