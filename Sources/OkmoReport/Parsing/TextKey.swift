/// A string as a dictionary key, hashed and compared on its UTF-8 bytes.
///
/// `String`'s own `Hashable` hashes the text's canonical (NFC) form, so Cyrillic keys are
/// checked scalar by scalar against the Unicode tables before a byte is hashed; the memo tables
/// of the parsers look up every line, and their keys come from one decoder and one normaliser,
/// so bytes are the right identity and cost a third as much.
struct TextKey: Hashable, Sendable {
    let text: String
    init(_ text: String) { self.text = text }

    static func == (a: TextKey, b: TextKey) -> Bool {
        guard a.text.utf8.count == b.text.utf8.count else { return false }
        var x = a.text, y = b.text
        return x.withUTF8 { p in y.withUTF8 { q in p.elementsEqual(q) } }
    }

    func hash(into h: inout Hasher) {
        var t = text
        t.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
