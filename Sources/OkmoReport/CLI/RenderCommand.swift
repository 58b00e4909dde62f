import OkmoCore
import OkmoTemplate

/// `okmo-report render TEMPLATE [--context FILE.json] [--partials DIR]`: one template, one
/// JSON context, the rendered text byte for byte on stdout.
enum RenderCommand {
    static let options: [OptionSpec] = [
        OptionSpec(name: "--context", takesValue: true, help: "JSON file with the values (default: {})", valueName: "FILE.json"),
        OptionSpec(name: "--partials", takesValue: true, help: "folder of NAME.mustache partials (default: the template's folder)", valueName: "DIR"),
        OptionSpec(name: "--strict", takesValue: false, help: "warn about variables missing from the context"),
        OptionSpec(name: "--diagnostics", takesValue: true, help: "text, json or github", valueName: "FORMAT", allowed: ["text", "json", "github"]),
    ]

    static func run(_ a: ParsedArguments) -> Int32 {
        guard let path = a.positionals.first else {
            Console.err("okmo-report render: missing TEMPLATE; usage: okmo-report render TEMPLATE [--context FILE.json] [--partials DIR]\n")
            return ExitCode.usage
        }
        let format = DiagnosticFormat(rawValue: a.value("--diagnostics") ?? "text") ?? .text
        let source: [UInt8]
        do { source = try FileReader.read(path) } catch {
            Console.err("okmo-report: error: \(error.description)\n")
            return ExitCode.noInput
        }
        var context = JSONValue.object([:])
        if let cpath = a.value("--context") {
            do {
                context = try JSONParser.parse(try FileReader.read(cpath))
            } catch let e as InputError {
                Console.err("okmo-report: error: \(e.description)\n"); return ExitCode.noInput
            } catch let e as JSONParser.Error {
                Console.err("\(cpath):\(e.line):\(e.column): error: invalid JSON context: \(e.message) [context-json]\n"); return ExitCode.dataError
            } catch { return ExitCode.dataError }
        }
        let partials = PartialSource.folder(a.value("--partials") ?? AtomicFile.parentDirectory(of: path))
        do {
            let t = try Template(bytes: source, name: path)
            let r = try t.render(context, partials: partials, escaping: Escaping.forTemplate(named: path), strict: a.has("--strict"))
            Console.outBytes(r.bytes)
            for w in r.warnings { Console.err(format.render(w) + "\n") }
            return a.has("--strict") && !r.warnings.isEmpty ? ExitCode.warnings : ExitCode.ok
        } catch {
            Console.err(format.render(Diagnostic(.error, "template", error.message, at: error.location)) + "\n")
            return ExitCode.dataError
        }
    }
}
