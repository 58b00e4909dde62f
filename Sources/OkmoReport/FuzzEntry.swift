import OkmoCore

/// Entry points for the fuzz targets (Sources/Fuzz): each stage on arbitrary bytes, with no
/// file system and no output. Not used by the tool itself.
public enum FuzzEntry {
    /// The tables, loaded once for every fuzz input.
    public static let lexicons: Lexicons = {
        let dir = ResourceLocator.find("data", marker: "regions.tsv") ?? "data"
        return try! Lexicons.load(from: dir)
    }()

    public static func listing(_ bytes: [UInt8], lex: Lexicons) {
        guard case .success(let r) = TextDecoder.decode(bytes) else { return }
        var d: [Diagnostic] = []
        _ = ListingParser(lex: lex).parse(SourceText(path: "fuzz.txt", bytes: r.bytes), diagnostics: &d)
    }

    public static func notes(_ bytes: [UInt8], lex: Lexicons) {
        guard case .success(let r) = TextDecoder.decode(bytes) else { return }
        var d: [Diagnostic] = []
        _ = NotesParser(lex: lex, defaultYear: 2024).parse(SourceText(path: "fuzz.txt", bytes: r.bytes), diagnostics: &d)
    }

    /// Parses a command line without running it: the usage error's exit code, or nil.
    public static func arguments(_ args: [String]) -> Int32? {
        guard let first = args.first, let c = OkmoCLI.commands.first(where: { $0.name == first }) else { return ExitCode.usage }
        do {
            _ = try ArgumentParser.parse(Array(args.dropFirst()), options: c.options, command: c.name, maxPositionals: c.maxPositionals)
            return nil
        } catch {
            return ExitCode.usage
        }
    }
}
