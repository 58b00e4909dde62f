import OkmoCore

#if canImport(Glibc)
import Glibc
#endif

enum Environment {
    static func get(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
}

/// `build`, `check` and `parse`: the commands that read inputs.
enum BuildCommand {
    static let common: [OptionSpec] = [
        OptionSpec(name: "--data", takesValue: true, help: "folder of reference tables (default: found beside the binary)", valueName: "DIR"),
        OptionSpec(name: "--year", takesValue: true, help: "the report's year: keeps that year's records, and dates a text without a year", valueName: "YYYY"),
        OptionSpec(name: "--diagnostics", takesValue: true, help: "text (default), json or github", valueName: "FORMAT", allowed: ["text", "json", "github"]),
    ]
    static let buildOptions: [OptionSpec] = [
        OptionSpec(name: "--input", takesValue: true, repeatable: true, help: "a file or folder (*.txt, *.md); default: seeds", valueName: "PATH"),
        OptionSpec(name: "--out", takesValue: true, help: "output folder (default: out)", valueName: "DIR"),
        OptionSpec(name: "--lang", takesValue: true, help: "report language: ru (default) or en", valueName: "LANG", allowed: ["ru", "en"]),
        OptionSpec(name: "--templates", takesValue: true, help: "templates folder (default: found beside the binary)", valueName: "DIR"),
        OptionSpec(name: "--chapters", takesValue: true, help: "folder of the analysts' Markdown chapters (default: TEMPLATES/chapters/LANG)", valueName: "DIR"),
        OptionSpec(name: "--strict", takesValue: false, help: "exit 1 when there are warnings"),
        OptionSpec(name: "--list-limit", takesValue: true, help: "list at most N meetings and N events in the report (default 10000; 0: all); records.json always has every record", valueName: "N"),
    ] + common
    static let checkOptions: [OptionSpec] = [
        OptionSpec(name: "--input", takesValue: true, repeatable: true, help: "a file or folder (*.txt, *.md)", valueName: "PATH"),
    ] + common
    static let parseOptions: [OptionSpec] = common

    struct Setup {
        var lex: Lexicons
        var files: [String]
        var year: Int?
        var format: DiagnosticFormat
    }

    /// Reads the options every input command shares; nil (with the exit code) on trouble.
    static func setup(_ a: ParsedArguments, inputs: [String], command: String) -> Result<Setup, ExitStatus> {
        var year: Int?
        if let y = a.value("--year") {
            guard let v = Int(y), v >= 1990, v <= 2100 else {
                Console.err("okmo-report \(command): --year takes a year such as 2024, not '\(y)'\n")
                return .failure(ExitStatus(ExitCode.usage))
            }
            year = v
        }
        let format = DiagnosticFormat(rawValue: a.value("--diagnostics") ?? "text") ?? .text
        guard let dataDir = a.value("--data") ?? ResourceLocator.find("data", marker: "regions.tsv") else {
            Console.err("okmo-report: error: cannot find the data folder (regions.tsv); pass --data DIR\n")
            return .failure(ExitStatus(ExitCode.noInput))
        }
        let lex: Lexicons
        do { lex = try Lexicons.load(from: dataDir) } catch {
            Console.err("okmo-report: error: \(error.message)\n")
            return .failure(ExitStatus(error.missing ? ExitCode.noInput : ExitCode.dataError))
        }
        if inputs.isEmpty {
            Console.err("okmo-report \(command): no inputs; give --input PATH (a file or a folder)\n")
            return .failure(ExitStatus(ExitCode.usage))
        }
        let files: [String]
        do { files = try Pipeline.expand(inputs) } catch {
            Console.err("okmo-report: error: \(error.description)\n")
            return .failure(ExitStatus(ExitCode.noInput))
        }
        return .success(Setup(lex: lex, files: files, year: year, format: format))
    }

    struct ExitStatus: Error { var code: Int32; init(_ c: Int32) { code = c } }

    /// Many diagnostics are rendered in parts at once, one per worker, and the parts written in
    /// order, so the bytes are the same: they print after the parse, when nothing else runs,
    /// and a 50 MB check's 44,000 took about 57M instructions there on one thread.
    static func printDiagnostics(_ ds: [Diagnostic], format: DiagnosticFormat) {
        for part in format.render(ds, parts: min(Pipeline.workers, ds.count / renderPartSize)) {
            Console.errBytes(part)
        }
    }

    /// The fewest diagnostics a part of a parallel render has: below it, waking a thread costs
    /// more than the part.
    static let renderPartSize = 4096

    static func summary(events: Int, meetings: Int, diagnostics: [Diagnostic], files: Int) -> String {
        summary(events: events, meetings: meetings, tally: Tally(diagnostics), files: files)
    }

    static func summary(events: Int, meetings: Int, tally t: Tally, files: Int) -> String {
        "\(files) files: \(events) events, \(meetings) meetings; \(t.errors) errors, \(t.warnings) warnings, \(t.notes) notes"
    }

    static func unreadable(_ r: Records) -> Bool { unreadable(r.diagnostics) }
    static func unreadable(_ ds: [Diagnostic]) -> Bool { ds.contains { $0.code == "input-unreadable" } }

    static func runParse(_ a: ParsedArguments) -> Int32 {
        let s: Setup
        switch setup(a, inputs: a.positionals, command: "parse") {
        case .success(let v): s = v
        case .failure(let e): return e.code
        }
        let records = Pipeline(lex: s.lex, defaultYear: s.year).run(files: s.files)
        Console.outBytes(records.jsonBytes())
        if unreadable(records) { return ExitCode.noInput }
        return records.diagnostics.hasErrors ? ExitCode.dataError : ExitCode.ok
    }

    static func runCheck(_ a: ParsedArguments) -> Int32 {
        let s: Setup
        switch setup(a, inputs: a.all("--input"), command: "check") {
        case .success(let v): s = v
        case .failure(let e): return e.code
        }
        var diagnostics: [Diagnostic] = []
        var events = 0, meetings = 0
        // Each file's diagnostics are printed as the file is merged (see `Pipeline.stream`),
        // and only counted after.
        var tally = Tally()
        func print(_ ds: [Diagnostic]) {
            let sorted = ds.sortedForOutput()
            tally.add(sorted)
            printDiagnostics(sorted, format: s.format)
        }
        Pipeline(lex: s.lex, defaultYear: s.year).stream(files: s.files, records: false, diagnostics: &diagnostics, fileDiagnostics: print) { _, kept, _, count in
            events += kept
            meetings += count
        }
        print(diagnostics)
        Console.out(summary(events: events, meetings: meetings, tally: tally, files: s.files.count) + "\n")
        if tally.unreadable { return ExitCode.noInput }
        if tally.errors > 0 { return ExitCode.dataError }
        return tally.errors + tally.warnings > 0 ? ExitCode.warnings : ExitCode.ok
    }

    /// Diagnostics counted by severity, and whether an input could not be read.
    struct Tally {
        var errors = 0, warnings = 0, notes = 0
        var unreadable = false

        init() {}
        init(_ ds: [Diagnostic]) { add(ds) }

        mutating func add(_ ds: [Diagnostic]) {
            for d in ds {
                switch d.severity { case .error: errors += 1; case .warning: warnings += 1; case .note: notes += 1 }
            }
            if !unreadable { unreadable = BuildCommand.unreadable(ds) }
        }
    }

    /// `build`: records stream to a spool in the output folder while the report's counts
    /// grow, so memory stays flat however large the corpus; nothing replaces the previous
    /// outputs until every part has succeeded.
    static func runBuild(_ a: ParsedArguments) -> Int32 {
        var inputs = a.all("--input")
        if inputs.isEmpty, FileReader.kind("seeds") == .directory { inputs = ["seeds"] }
        let s: Setup
        switch setup(a, inputs: inputs, command: "build") {
        case .success(let v): s = v
        case .failure(let e): return e.code
        }
        let out = a.value("--out") ?? "out"
        var listLimit = 10_000
        if let v = a.value("--list-limit") {
            guard let n = Int(v), n >= 0 else {
                Console.err("okmo-report build: --list-limit takes a number of records such as 500 (0: no limit), not '\(v)'\n")
                return ExitCode.usage
            }
            listLimit = n == 0 ? Int.max : n
        }
        let lang = a.value("--lang") ?? "ru"
        guard let templates = a.value("--templates") ?? ResourceLocator.find("templates", marker: "report.md.mustache") else {
            Console.err("okmo-report: error: cannot find the templates folder (report.md.mustache); pass --templates DIR\n")
            return ExitCode.noInput
        }
        let createdOut = FileReader.kind(out) == .missing
        func cannotWrite(_ error: OutputError, _ diagnostics: [Diagnostic]) -> Int32 {
            printDiagnostics(diagnostics.sortedForOutput(), format: s.format)
            Console.err("okmo-report: error: \(error.description)\n")
            return ExitCode.cantCreate
        }
        let writer: RecordsFileWriter
        do {
            try AtomicFile.makeDirectory(out)
            try AtomicFile.checkWritable(out)
            writer = try RecordsFileWriter(folder: out)
        } catch {
            return cannotWrite(error, [])
        }
        /// A build that stops leaves the folder as it found it.
        func abandon() {
            writer.discard()
            if createdOut { rmdir(out) }
        }
        var agg = Aggregates(year: s.year, listLimit: listLimit)
        var diagnostics: [Diagnostic] = []
        do {
            try Pipeline(lex: s.lex, defaultYear: s.year).stream(files: s.files, diagnostics: &diagnostics) { events, _, meetings, _ in
                // In place through the buffers, not copied out an element at a time.
                events.withUnsafeBufferPointer { for i in $0.indices { agg.add($0[i]) } }
                meetings.withUnsafeBufferPointer { for i in $0.indices { agg.add($0[i]) } }
                try writer.append(events: events, meetings: meetings)
            }
        } catch let error as OutputError {
            abandon()
            return cannotWrite(error, diagnostics)
        } catch {
            abandon()
            return cannotWrite(OutputError(path: out, reason: "\(error)"), diagnostics)
        }
        diagnostics = diagnostics.sortedForOutput()
        if unreadable(diagnostics) {
            abandon()
            printDiagnostics(diagnostics, format: s.format)
            Console.err("okmo-report build: stopped; '\(out)' left as it was\n")
            return ExitCode.noInput
        }
        if diagnostics.hasErrors {
            abandon()
            printDiagnostics(diagnostics, format: s.format)
            Console.err("okmo-report build: stopped by the errors above; '\(out)' left as it was\n")
            return ExitCode.dataError
        }
        let recordDiagnostics = diagnostics
        let report: ReportFiles
        do {
            var builder = ReportBuilder(lex: s.lex, templatesFolder: templates, lang: lang, year: s.year, strict: a.has("--strict"))
            if let e = Environment.get("SOURCE_DATE_EPOCH"), let secs = Int64(e) { builder.generatedOn = Day(unixTime: secs) }
            builder.chaptersFolder = a.value("--chapters")
            report = try builder.build(aggregates: agg, diagnostics: recordDiagnostics)
        } catch {
            abandon()
            diagnostics.append(contentsOf: error.diagnostics)
            printDiagnostics(diagnostics.sortedForOutput(), format: s.format)
            Console.err("okmo-report build: stopped: \(error.message); '\(out)' left as it was\n")
            return error.exitCode
        }
        diagnostics.append(contentsOf: report.warnings)
        do throws(OutputError) {
            // Everything is rendered before a previous output is touched; each file is replaced whole.
            let records = try writer.finish(diagnostics: recordDiagnostics)
            do throws(OutputError) {
                try AtomicFile.write(report.markdown, to: out + "/report.md")
                try AtomicFile.write(report.html, to: out + "/report.html")
            } catch {
                records.discard()
                throw error
            }
            try records.commit(to: out + "/records.json")
        } catch {
            writer.discard()
            return cannotWrite(error, diagnostics)
        }
        printDiagnostics(diagnostics.sortedForOutput(), format: s.format)
        Console.out(summary(events: writer.eventCount, meetings: writer.meetingCount, diagnostics: diagnostics, files: s.files.count)
                    + " → \(out)/report.md, \(out)/report.html, \(out)/records.json\n")
        return a.has("--strict") && diagnostics.hasWarningsOrErrors ? ExitCode.warnings : ExitCode.ok
    }
}
