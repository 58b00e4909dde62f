import OkmoCore

/// Placeholder until the notes extractor lands.
struct NotesParser {
    let lex: Lexicons
    var defaultYear: Int?
    func parse(_ src: SourceText, diagnostics: inout [Diagnostic]) -> [Meeting] { [] }
}
