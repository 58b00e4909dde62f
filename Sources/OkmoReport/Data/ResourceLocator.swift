import OkmoCore
#if canImport(Glibc)
import Glibc
#endif

/// Finds `data/` and `templates/` when no option names them: beside an installed binary
/// (`PREFIX/share/okmo-report/`), in the source tree the binary was built in (walking up from
/// `.build/release/`), then in the working folder. The order is fixed, so the same binary finds
/// the same tables from any working folder.
public enum ResourceLocator {
    public static func executablePath() -> String? {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static func find(_ folder: String, marker: String) -> String? {
        var candidates: [String] = []
        if let exe = executablePath() {
            let bin = AtomicFile.parentDirectory(of: exe)
            candidates.append(AtomicFile.parentDirectory(of: bin) + "/share/okmo-report/" + folder)
            var dir = bin
            for _ in 0..<6 {
                candidates.append(dir + "/" + folder)
                let up = AtomicFile.parentDirectory(of: dir)
                if up == dir { break }
                dir = up
            }
        }
        candidates.append(folder)
        for c in candidates where FileReader.kind(c + "/" + marker) == .file { return c }
        return nil
    }
}
