/// One JSON object written pretty, straight from typed fields: byte for byte what
/// `JSONWriter.write(_:into:indent:pretty: true)` writes for the same object as a `JSONValue`,
/// without building the value tree.
///
/// `build` writes half a million records to records.json on one thread, after the merge. Made
/// as a tree of dictionaries first, then written with their keys sorted, the records took
/// more than a third of a 100 MB build's time: the writing thread, not the parse, set the
/// pace. The caller names the fields in the writer's key order (sorted by UTF-8 bytes);
/// debug builds check the order, and tests compare with the tree's bytes.
public struct JSONObjectWriter {
    private let indent: Int
    private var first = true
    #if DEBUG
    private var lastKey: [UInt8] = []
    #endif

    /// Writes `{`; the object's fields sit one level deeper than `indent`.
    public init(opening out: inout [UInt8], indent: Int) {
        self.indent = indent
        out.append(UInt8(ascii: "{"))
    }

    /// The separator, the field's line and its key, ready for the value. Keys are plain
    /// ASCII names, which the string writer would leave as they are.
    public mutating func key(_ k: StaticString, into out: inout [UInt8]) {
        #if DEBUG
        let bytes = k.withUTF8Buffer { Array($0) }
        precondition(first || lastKey.lexicographicallyPrecedes(bytes), "JSON keys out of order: \(k) after \(String(decoding: lastKey, as: UTF8.self))")
        precondition(bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }, "JSON key \(k) needs escapes")
        lastKey = bytes
        #endif
        // The comma, the line, the key and its colon go in with one append: each append
        // of a few bytes cost about a hundred instructions, and records.json has six
        // million keys for 100 MB of input.
        let spaces = 2 * (indent + 1)
        let n = 1 + 1 + spaces + 1 + k.utf8CodeUnitCount + 3
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { b in
            var i = 0
            if !first { b[i] = UInt8(ascii: ","); i += 1 }
            b[i] = 0x0A; i += 1
            for _ in 0..<spaces { b[i] = 0x20; i += 1 }
            b[i] = UInt8(ascii: "\""); i += 1
            k.withUTF8Buffer { for c in $0 { b[i] = c; i += 1 } }
            b[i] = UInt8(ascii: "\""); b[i + 1] = UInt8(ascii: ":"); b[i + 2] = 0x20
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[..<(i + 3)]))
        }
        first = false
    }

    /// The level a field's value is written at (its arrays' and objects' own indent).
    public var fieldIndent: Int { indent + 1 }

    /// Writes `}`, on its own line unless the object is empty.
    public func close(into out: inout [UInt8]) {
        if !first { JSONWriter.newline(&out, indent) }
        out.append(UInt8(ascii: "}"))
    }
}

extension JSONWriter {
    /// A string, or null for nil: `JSONValue.optional`'s bytes.
    public static func writeOptional(_ s: String?, into out: inout [UInt8]) {
        if let s { writeString(s, into: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    /// An integer in decimal, as `String(i)` writes it.
    public static func writeInt(_ i: Int, into out: inout [UInt8]) {
        if i < 0 { out.append(UInt8(ascii: "-")) }
        var m = i.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { b in
            var k = 20
            repeat {
                k -= 1
                b[k] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
            } while m > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[k...]))
        }
    }

    /// A pretty array of `count` elements at `indent`, each written by `element`: `[]` when
    /// empty, else one element a line, one level deeper.
    public static func writeArray(count: Int, indent: Int, into out: inout [UInt8], _ element: (Int, inout [UInt8]) -> Void) {
        if count == 0 { out.append(contentsOf: "[]".utf8); return }
        out.append(UInt8(ascii: "["))
        for i in 0..<count {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            newline(&out, indent + 1)
            element(i, &out)
        }
        newline(&out, indent)
        out.append(UInt8(ascii: "]"))
    }

    /// A pretty array of strings.
    public static func writeStrings(_ a: [String], indent: Int, into out: inout [UInt8]) {
        writeArray(count: a.count, indent: indent, into: &out) { i, out in writeString(a[i], into: &out) }
    }
}
