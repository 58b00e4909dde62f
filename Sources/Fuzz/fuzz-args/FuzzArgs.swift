import OkmoReport
import FuzzSupport

@main struct FuzzArgs {
    static func main() {
        FuzzDriver.run { data, size in
            let b = FuzzDriver.bytes(data, size)
            let args = b.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            _ = FuzzEntry.arguments(args)
            return 0
        }
    }
}
