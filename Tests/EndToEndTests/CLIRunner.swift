import Foundation

/// Spawns the built binary and collects what it printed.
enum CLIRunner {
    struct Run { var code: Int32; var out: String; var err: String; var outBytes: Data }

    static func run(_ args: [String], env: [String: String] = [:], cwd: String? = nil, stdin: Data? = nil, executable: String? = nil) -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable ?? CLITests.binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd ?? CLITests.root)
        var e = ProcessInfo.processInfo.environment
        for (k, v) in env { e[k] = v }
        p.environment = e
        // stderr goes to a file, so a long diagnostic list never blocks the child on a full pipe.
        let errPath = NSTemporaryDirectory() + "okmo-stderr-" + UUID().uuidString
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let errHandle = FileHandle(forWritingAtPath: errPath)!
        let o = Pipe(), i = Pipe()
        p.standardOutput = o; p.standardError = errHandle; p.standardInput = i
        try! p.run()
        if let stdin { i.fileHandleForWriting.write(stdin) }
        try? i.fileHandleForWriting.close()
        let outData = o.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try? errHandle.close()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return Run(code: p.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self), outBytes: outData)
    }

    static func makeTemp() -> String {
        let t = NSTemporaryDirectory() + "okmo-e2e-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: t, withIntermediateDirectories: true)
        return t
    }
}
