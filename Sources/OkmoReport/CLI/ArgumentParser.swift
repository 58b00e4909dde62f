import OkmoCore

/// A usage error: the contract's exit 64, with a message a person can act on.
public struct UsageError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String
    public var command: String?
    public var description: String { message }
}

/// One option a subcommand accepts.
struct OptionSpec: Sendable {
    var name: String
    var takesValue: Bool
    var repeatable: Bool = false
    var help: String
    var valueName: String = "VALUE"
    var allowed: [String]? = nil
}

/// What a command line said, once parsed.
struct ParsedArguments: Sendable {
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ name: String) -> Bool { flags.contains(name) }
}

/// Hand-written parsing of `--opt value`, `--opt=value`, repeated options, `--` and
/// positionals, with "did you mean" suggestions by edit distance.
enum ArgumentParser {
    static func parse(_ args: [String], options: [OptionSpec], command: String, maxPositionals: Int) throws(UsageError) -> ParsedArguments {
        var out = ParsedArguments()
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            let a = args[i]
            i += 1
            if onlyPositionals || !a.hasPrefix("-") || a == "-" {
                out.positionals.append(a)
                continue
            }
            if a == "--" { onlyPositionals = true; continue }
            var name = a
            var inline: String?
            if let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq])
                inline = String(a[a.index(after: eq)...])
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                var msg = "unknown option '\(name)'"
                if let s = suggestion(for: name, among: options.map(\.name)) { msg += "; did you mean '\(s)'?" }
                else { msg += "; see 'okmo-report help \(command)'" }
                throw UsageError(message: msg, command: command)
            }
            if spec.takesValue {
                let v: String
                if let inline { v = inline }
                else {
                    guard i < args.count else { throw UsageError(message: "option '\(name)' needs a value (\(spec.valueName))", command: command) }
                    v = args[i]; i += 1
                }
                if let allowed = spec.allowed, !allowed.contains(v) {
                    var msg = "option '\(name)' takes one of \(allowed.joined(separator: ", ")), not '\(v)'"
                    if let s = suggestion(for: v, among: allowed) { msg += "; did you mean '\(s)'?" }
                    throw UsageError(message: msg, command: command)
                }
                if !spec.repeatable, out.values[name] != nil {
                    throw UsageError(message: "option '\(name)' is given twice; give it once", command: command)
                }
                out.values[name, default: []].append(v)
            } else {
                if inline != nil { throw UsageError(message: "option '\(name)' takes no value", command: command) }
                out.flags.insert(name)
            }
        }
        if out.positionals.count > maxPositionals {
            let extra = out.positionals[maxPositionals]
            throw UsageError(message: maxPositionals == 0
                ? "'\(command)' takes no arguments, but got '\(extra)'\(extra.hasPrefix("-") ? "" : " (inputs go after --input)")"
                : "too many arguments for '\(command)': '\(extra)'", command: command)
        }
        return out
    }

    /// The closest candidate within an edit distance of 2 (or a third of the word).
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        var best: (String, Int)?
        for c in candidates {
            let d = EditDistance.levenshtein(Array(word.unicodeScalars), Array(c.unicodeScalars))
            if d <= max(2, c.count / 3), best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

}
