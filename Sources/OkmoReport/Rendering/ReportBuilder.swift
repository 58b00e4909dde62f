import OkmoCore
import OkmoTemplate
import OkmoMarkdown

/// The rendered report, in memory until every part of it has succeeded.
struct ReportFiles {
    var markdown: [UInt8]
    var html: [UInt8]
    var warnings: [Diagnostic]
}

/// A report that could not be rendered: a broken template, a missing partial.
struct ReportError: Error {
    var message: String
    var diagnostics: [Diagnostic]
    var exitCode: Int32
}

/// Records → view model → both reports, from the templates folder.
struct ReportBuilder {
    let lex: Lexicons
    let templatesFolder: String
    let lang: String
    let year: Int?
    let strict: Bool
    /// The reproducible-build convention: a date for the report only when SOURCE_DATE_EPOCH
    /// says so, never the clock.
    var generatedOn: Day? = nil
    /// The analysts' chapters: `*.md` files, Mustache first, then Markdown (default:
    /// `templates/chapters/LANG/`).
    var chaptersFolder: String? = nil

    func build(records: Records) throws(ReportError) -> ReportFiles {
        try build(aggregates: Aggregates(records: records, year: year), diagnostics: records.diagnostics)
    }

    /// The reports from the counts and listed records a streamed build gathered.
    func build(aggregates: Aggregates, diagnostics: [Diagnostic]) throws(ReportError) -> ReportFiles {
        let messages = try Messages.load(folder: templatesFolder, lang: lang)
        var model = ReportModel(aggregates: aggregates, diagnostics: diagnostics, lex: lex, messages: messages)
        model.generatedOn = generatedOn
        var warnings: [Diagnostic] = []
        let before = model.contexts()
        model.chapters = try chapters(context: before.markdown, warnings: &warnings)
        let md = ReportBuilder.tidyMarkdown(try render("report.md.mustache", context: model.withChapters(before.markdown), escaping: .markdown, warnings: &warnings))
        let html = try render("report.html.mustache", context: model.withChapters(before.html), escaping: .html, warnings: &warnings)
        return ReportFiles(markdown: md, html: html, warnings: warnings)
    }

    /// Each chapter rendered with the report's values, as Markdown (for report.md) and as HTML.
    func chapters(context: JSONValue, warnings: inout [Diagnostic]) throws(ReportError) -> [ReportModel.Chapter] {
        let folder = chaptersFolder ?? templatesFolder + "/chapters/" + lang
        guard FileReader.kind(folder) == .directory else {
            if chaptersFolder != nil { throw ReportError(message: "chapters folder '\(folder)' does not exist", diagnostics: [], exitCode: ExitCode.noInput) }
            return []
        }
        let files: [String]
        do { files = try FileReader.listFiles(in: folder, extensions: [".md"]) } catch {
            throw ReportError(message: error.description, diagnostics: [], exitCode: ExitCode.noInput)
        }
        var out: [ReportModel.Chapter] = []
        for (i, f) in files.enumerated() {
            guard let bytes = FileReader.readIfRegularFile(f) else { continue }
            let md: [UInt8]
            do {
                let t = try Template(bytes: bytes, name: f)
                let r = try t.render(context, partials: .folder(templatesFolder), escaping: .markdown, strict: strict)
                warnings.append(contentsOf: r.warnings)
                md = r.bytes
            } catch {
                throw ReportError(message: "template error", diagnostics: [Diagnostic(.error, "template", error.message, at: error.location)], exitCode: ExitCode.dataError)
            }
            var title = ""
            for line in String(decoding: md, as: UTF8.self).split(separator: "\n") where line.hasPrefix("#") {
                title = String(line.drop { $0 == "#" }).trimmingCharacters()
                break
            }
            out.append(ReportModel.Chapter(id: "chapter-\(i + 1)", title: title, markdown: String(decoding: md, as: UTF8.self),
                                           html: String(decoding: MarkdownRenderer.html(from: md), as: UTF8.self)))
        }
        return out
    }

    /// At most one blank line in a row, and one newline at the end: template blocks can each
    /// leave a blank line, and a diff of two reports should not show them.
    static func tidyMarkdown(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 1)
        // Line by line (memchr), each line in one append: a byte at a time this was a tenth
        // of a report's rendering.
        b.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            let n = p.count
            var i = 0
            while i < n && p[i] == 0x0A { i += 1 }
            while i < n {
                let end = memchrByte(base + i, 0x0A, n - i).map { $0 - base } ?? n
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<end]))
                var k = end
                while k < n && p[k] == 0x0A { k += 1 }
                for _ in 0..<min(k - end, 2) { out.append(0x0A) }
                i = k
            }
        }
        while out.last == 0x0A { out.removeLast() }
        out.append(0x0A)
        return out
    }

    private func render(_ name: String, context: JSONValue, escaping: Escaping, warnings: inout [Diagnostic]) throws(ReportError) -> [UInt8] {
        let path = templatesFolder + "/" + name
        guard let bytes = FileReader.readIfRegularFile(path) else {
            throw ReportError(message: "template '\(path)' not found", diagnostics: [], exitCode: ExitCode.noInput)
        }
        do {
            let t = try Template(bytes: bytes, name: path)
            let r = try t.render(context, partials: .folder(templatesFolder), escaping: escaping, strict: strict)
            for w in r.warnings {
                if w.code == "template-partial-not-found" {
                    throw TemplateError(kind: .partialNotFound(name: "", folder: templatesFolder), location: w.location, message: w.message)
                }
                warnings.append(w)
            }
            return r.bytes
        } catch let error as TemplateError {
            throw ReportError(message: "template error", diagnostics: [Diagnostic(.error, "template", error.message, at: error.location)], exitCode: ExitCode.dataError)
        } catch {
            throw ReportError(message: "\(error)", diagnostics: [], exitCode: ExitCode.dataError)
        }
    }
}
