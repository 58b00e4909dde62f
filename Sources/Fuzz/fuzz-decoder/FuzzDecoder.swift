import OkmoCore
import FuzzSupport

@main struct FuzzDecoder {
    static func main() {
        FuzzDriver.run { data, size in
            if case .success(let r) = TextDecoder.decode(FuzzDriver.bytes(data, size)) {
                let s = SourceText(path: "f", bytes: r.bytes)
                for i in 0..<s.lineCount { _ = s.line(i) }
            }
            _ = try? JSONParser.parse(FuzzDriver.bytes(data, size))
            return 0
        }
    }
}
