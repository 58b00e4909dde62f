#if canImport(Glibc)
import Glibc
#endif
import OkmoCore
import OkmoMarkdown

/// `okmo-report markdown [--safe] [FILE]`: CommonMark (+ GFM tables) to an HTML fragment.
enum MarkdownCommand {
    static let options: [OptionSpec] = [
        OptionSpec(name: "--safe", takesValue: false, help: "escape raw HTML and drop javascript:/data: links"),
    ]

    static func run(_ a: ParsedArguments) -> Int32 {
        var bytes: [UInt8]
        if let path = a.positionals.first, path != "-" {
            do { bytes = try FileReader.read(path) } catch {
                Console.err("okmo-report: error: \(error.description)\n"); return ExitCode.noInput
            }
        } else {
            bytes = StandardInput.readAll()
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if !TextDecoder.isValidUTF8(bytes) { bytes = TextDecoder.decodeWindows1251(bytes) }
        let html = MarkdownRenderer.html(from: bytes, options: a.has("--safe") ? .safe : .standard)
        Console.outBytes(html)
        return ExitCode.ok
    }
}

enum StandardInput {
    static func readAll() -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let r = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
            if r < 0 { if errno == EINTR { continue }; break }
            if r == 0 { break }
            out.append(contentsOf: chunk[0..<r])
        }
        return out
    }
}
