import OkmoMarkdown
import FuzzSupport

@main struct FuzzMarkdown {
    static func main() {
        FuzzDriver.run { data, size in
            let b = FuzzDriver.bytes(data, size)
            _ = MarkdownRenderer.html(from: b)
            _ = MarkdownRenderer.html(from: b, options: .safe)
            return 0
        }
    }
}
