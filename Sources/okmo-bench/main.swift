import OkmoCore
import OkmoTemplate
import OkmoMarkdown
#if canImport(Glibc)
import Glibc
#endif

/// okmo-bench: deterministic corpora and the speed table of `make bench`.
///
///     okmo-bench run [--bin BIN] [--out DIR] [--root DIR] [--smoke]
///     okmo-bench generate --out DIR --size MB [--root DIR]
///
/// `--root` is the project's folder (default: the current one), whose `seeds/` and `data/` the
/// corpora are made from.
///
/// Nothing here fails on an absolute time: it measures and prints.

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

struct Spawned { var seconds: Double; var status: Int32; var maxRSSKB: Int; var cpuSeconds: Double = 0 }

/// Runs a command with stdout to /dev/null and stderr to `stderr` (default /dev/null); wall
/// time, exit status, peak memory and processor time (user and system).
func spawn(_ argv: [String], env extra: [String] = [], stderr: String = "/dev/null") -> Spawned {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let cargs = argv.map { strdup($0) } + [nil]
    defer { for p in cargs { free(p) } }
    let t0 = now()
    var envp: [UnsafeMutablePointer<CChar>?] = extra.map { strdup($0) }
    var k = 0
    while let e = environ[k] { envp.append(strdup(e)); k += 1 }
    envp.append(nil)
    defer { for p in envp { free(p) } }
    let rc = posix_spawn(&pid, argv[0], &actions, nil, cargs, envp)
    posix_spawn_file_actions_destroy(&actions)
    guard rc == 0 else { return Spawned(seconds: 0, status: -1, maxRSSKB: 0) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    return Spawned(seconds: now() - t0, status: status, maxRSSKB: Int(usage.ru_maxrss), cpuSeconds: cpu)
}

/// `compare`: two binaries' `check` of the same folder, run in turn (A, B, A, B, ...) so that
/// the machine's swing falls on both alike, with their elapsed and processor times (user and
/// system), medians and fastest runs, and B's over A's. How each change of the performance
/// rounds in the README was measured: a change that moves memory traffic more than
/// instructions shows here and not in callgrind's counts.
func compare(args: [String]) -> Int32 {
    guard let o = options(args, valued: ["--a", "--b", "--input", "--runs", "--jobs", "--data"]),
          let a = o["--a"], let b = o["--b"], let input = o["--input"] else {
        complain("usage: okmo-bench compare --a BIN --b BIN --input DIR [--runs N] [--jobs J] [--data DIR]")
        return 64
    }
    let runs = max(1, Int(o["--runs"] ?? "") ?? 11)
    let jobs = max(1, Int(o["--jobs"] ?? "") ?? 1)
    var argv = ["check", "--input", input]
    if let data = o["--data"] { argv += ["--data", data] }
    var wall: [[Double]] = [[], []], cpu: [[Double]] = [[], []]
    for _ in 0..<runs {
        for (k, bin) in [a, b].enumerated() {
            let r = spawn([bin] + argv, env: ["OKMO_JOBS=\(jobs)"])
            // `check` exits 1 on warnings, which the bench's listings have; a run that could
            // not start, or was killed, is no measurement.
            guard r.status >= 0, r.status & 0x7F == 0 else { complain("\(bin) did not run to its end"); return 70 }
            wall[k].append(r.seconds)
            cpu[k].append(r.cpuSeconds)
        }
    }
    func median(_ x: [Double]) -> Double { let s = x.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
    print("okmo-bench compare: \(runs) runs each, in turn, OKMO_JOBS=\(jobs), check --input \(input)")
    print("| | A median | A fastest | B median | B fastest | B/A median | B/A fastest |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for (name, t) in [("elapsed, s", wall), ("processor (user + system), s", cpu)] {
        let (am, af, bm, bf) = (median(t[0]), t[0].min()!, median(t[1]), t[1].min()!)
        print("| \(name) | \(fmt(am, 3)) | \(fmt(af, 3)) | \(fmt(bm, 3)) | \(fmt(bf, 3)) | \(am > 0 ? fmt(bm / am, 3) : "—") | \(af > 0 ? fmt(bf / af, 3) : "—") |")
    }
    return 0
}

func complain(_ message: String) {
    let line = Array("okmo-bench: \(message)\n".utf8)
    _ = line.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
}

/// Ends the run with the error's message: a missing data folder or an unwritable output folder
/// is the user's to fix, not a crash.
func orExit<T>(_ body: () throws -> T) -> T {
    do { return try body() } catch {
        complain("\(error)")
        exit(66)
    }
}

func write(_ bytes: [UInt8], _ path: String) { orExit { try AtomicFile.write(bytes, to: path) } }

/// Writes `mb` megabytes of listings and as many of notes, in files of about 1 MB.
func makeCorpus(root: String, dir: String, mb: Double) -> (listings: String, notes: String, bytes: Int) {
    var g = orExit { try Generator(root: root) }
    let listings = dir + "/listings", notes = dir + "/notes"
    orExit { try AtomicFile.makeDirectory(listings) }
    orExit { try AtomicFile.makeDirectory(notes) }
    // A corpus of another size written there before (`make bench-smoke` after `make bench`)
    // left more parts than this one writes: they go first.
    removeParts(listings)
    removeParts(notes)
    let total = Int(mb * 1_000_000)
    let part = min(1_000_000, total / 2)
    var written = 0, k = 0
    while written < total / 2 {
        k += 1
        let b = g.listing(bytes: part)
        write(b, listings + "/part-\(String(1000 + k).dropFirst()).txt")
        written += b.count
    }
    var w2 = 0
    k = 0
    while w2 < total / 2 {
        k += 1
        let b = g.notes(bytes: part)
        write(b, notes + "/part-\(String(1000 + k).dropFirst()).txt")
        w2 += b.count
    }
    return (listings, notes, written + w2)
}

/// The line-scan limit: read every file and count its lines with memchr.
func lineScan(_ dirs: [String]) -> (mbps: Double, bytes: Int) {
    var files: [String] = []
    for d in dirs { files += (try? FileReader.listFiles(in: d, extensions: [".txt"])) ?? [] }
    var bytes = 0, lines = 0
    let t0 = now()
    for f in files {
        let b = (try? FileReader.read(f)) ?? []
        bytes += b.count
        b.withUnsafeBufferPointer { buf in
            guard var p = buf.baseAddress.map(UnsafeRawPointer.init) else { return }
            let end = p + buf.count
            while p < end, let hit = memchr(p, 0x0A, end - p) {
                lines += 1
                p = UnsafeRawPointer(hit) + 1
            }
        }
    }
    let dt = now() - t0
    return (Double(bytes) / 1e6 / max(dt, 1e-9), bytes)
}

/// The instructions `check` of `input` takes at one worker under callgrind, with the standard
/// library's hashing made deterministic (it is seeded afresh in every process otherwise, and
/// the same run's count moves by up to 1%). Unlike the rates, this count does not move with
/// the machine or its neighbours, so a change of a few per cent shows. Nil when valgrind is not
/// installed or its report can't be read.
func instructions(bin: String, input: String, log: String) -> Int? {
    guard let valgrind = ["/usr/bin/valgrind", "/usr/local/bin/valgrind"].first(where: { FileReader.kind($0) == .file }) else { return nil }
    let r = spawn([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", bin, "check", "--input", input],
                  env: ["OKMO_JOBS=1", "SWIFT_DETERMINISTIC_HASHING=1"], stderr: log)
    guard r.status != -1, let text = FileReader.readIfRegularFile(log) else { return nil }
    // "==123== I   refs:      920,110,149"
    for line in String(decoding: text, as: UTF8.self).split(separator: "\n") where line.contains("I   refs:") {
        return Int(String(line.split(separator: ":").last?.filter(\.isNumber) ?? ""))
    }
    return nil
}

/// A folder of links to the first `n` files of `dir`, for the instruction counts: callgrind
/// runs some fifty times slower than the program, and three files make a steady count.
func firstFiles(of dir: String, _ n: Int, into sub: String) -> (path: String, bytes: Int) {
    let files = Array(((try? FileReader.listFiles(in: dir, extensions: [".txt"])) ?? []).sorted().prefix(n))
    _ = mkdir(sub, 0o755)
    var bytes = 0
    for f in files {
        let target = sub + "/" + (f.split(separator: "/").last.map(String.init) ?? f)
        let content = (try? FileReader.read(f)) ?? []
        unlink(target)
        // A link where the file system allows one, else a copy: the count must be of these bytes.
        if link(f, target) != 0 { write(content, target) }
        bytes += content.count
    }
    return (sub, bytes)
}

/// Each listing of `dir` into `target` with every ASCII digit of its lines that are not date
/// lines ("From …", "С …") made a letter ("0" → "a"): titles that differed only in their
/// numbers then differ in words, and no title's template comes back. The folder.
func withTitlesNeverRepeating(_ dir: String, into target: String) -> String {
    orExit { try AtomicFile.makeDirectory(target) }
    removeParts(target)
    for path in orExit({ try FileReader.listFiles(in: dir, extensions: [".txt"]) }) {
        var bytes = orExit { try FileReader.read(path) }
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
            let line = bytes[start..<i]
            let isDate = line.starts(with: Array("From ".utf8)) || line.starts(with: Array("С ".utf8))
            if !isDate { for k in start..<i where bytes[k] >= 0x30 && bytes[k] <= 0x39 { bytes[k] += 0x31 } }
            start = i + 1
        }
        write(bytes, target + "/" + String(path.split(separator: "/").last!))
    }
    return target
}

/// Deletes the corpus parts (`.txt`) in `dir`.
func removeParts(_ dir: String) {
    for path in (try? FileReader.listFiles(in: dir, extensions: [".txt"])) ?? [] { unlink(path) }
}

func dirBytes(_ d: String) -> Int {
    ((try? FileReader.listFiles(in: d, extensions: [".txt", ".md"])) ?? []).reduce(0) { $0 + ((try? FileReader.read($1))?.count ?? 0) }
}

func fmt(_ x: Double, _ digits: Int = 1) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (x * scale).rounded() / scale
    return String(r)
}

struct Row { var what: String; var value: String; var ratio: String; var target: String }

/// The options of a subcommand: `valued` ones take the next argument, `flags` none. Nil, with
/// a message, for an unknown option or one whose value is missing.
func options(_ args: [String], valued: Set<String>, flags: Set<String> = []) -> [String: String]? {
    var found: [String: String] = [:]
    var i = 0
    while i < args.count {
        let a = args[i]
        if flags.contains(a) {
            found[a] = ""
        } else if valued.contains(a), i + 1 < args.count {
            found[a] = args[i + 1]
            i += 1
        } else {
            complain("unknown or incomplete option \(a)")
            return nil
        }
        i += 1
    }
    return found
}

func run(args: [String]) -> Int32 {
    guard let o = options(args, valued: ["--bin", "--out", "--root"], flags: ["--smoke"]) else { return 64 }
    let bin = o["--bin"] ?? ".build/release/okmo-report"
    let out = o["--out"] ?? "bench-out"
    let root = o["--root"] ?? "."
    let smoke = o["--smoke"] != nil
    let (small, large): (Double, Double) = smoke ? (1, 2) : (10, 100)
    var rows: [Row] = []
    print("okmo-bench: generating corpora (\(smoke ? "smoke: 1 and 2 MB" : "10 and 100 MB")) in \(out)/ ...")
    let a = makeCorpus(root: root, dir: out + "/small", mb: small)
    let b = makeCorpus(root: root, dir: out + "/large", mb: large)

    // Parse rates on the large corpus, where a feed's size dominates the fixed start-up cost
    // (loading data/, shown on its own row); L is measured on the same files.
    let parseCorpus = smoke ? a : b
    // Each rate is the best of three runs, L's too: on a shared virtual machine one run can
    // lose a third of its speed to a neighbour, and the best run is the one least disturbed.
    let L = (0..<3).map { _ in lineScan([parseCorpus.listings, parseCorpus.notes]) }.max { $0.mbps < $1.mbps }!
    rows.append(Row(what: "L: read + count lines (memchr), \(fmt(Double(L.bytes) / 1e6)) MB, best of 3", value: "\(fmt(L.mbps)) MB/s", ratio: "1.0", target: "—"))

    let lb = dirBytes(parseCorpus.listings), nb = dirBytes(parseCorpus.notes)
    let workers = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    for (name, dir, bytes, target) in [("listing parse", parseCorpus.listings, lb, "≥ 0.10 of L"), ("notes extraction", parseCorpus.notes, nb, "≥ 0.02 of L")] {
        for jobs in [workers, 1] where jobs == workers || workers > 1 {
            let r = (0..<3).map { _ in spawn([bin, "check", "--input", dir], env: ["OKMO_JOBS=\(jobs)"]) }.min { $0.seconds < $1.seconds }!
            let mbps = Double(bytes) / 1e6 / r.seconds
            rows.append(Row(what: "\(name) (check, \(jobs) worker\(jobs == 1 ? "" : "s")), \(fmt(Double(bytes) / 1e6)) MB, best of 3", value: "\(fmt(mbps)) MB/s",
                            ratio: fmt(mbps / L.mbps, 4), target: jobs == workers ? target : "(one core)"))
        }
    }
    // The listings again with every digit of their text lines made a letter: the generator
    // recombines a few hundred seed titles with other numbers, and the parser's memos of
    // titles (their digits read as "0") are answered nearly always; here no title repeats,
    // as in most real listings. No target: the row says what the memos are worth.
    let unique = withTitlesNeverRepeating(parseCorpus.listings, into: out + "/" + (smoke ? "small" : "large") + "/listings-unique")
    let ru = (0..<3).map { _ in spawn([bin, "check", "--input", unique], env: ["OKMO_JOBS=\(workers)"]) }.min { $0.seconds < $1.seconds }!
    let ub = dirBytes(unique)
    rows.append(Row(what: "listing parse, no title repeating (their digits made letters; check, \(workers) workers), \(fmt(Double(ub) / 1e6)) MB, best of 3",
                    value: "\(fmt(Double(ub) / 1e6 / ru.seconds)) MB/s", ratio: fmt(Double(ub) / 1e6 / ru.seconds / L.mbps, 4), target: "— (what the title memos are worth)"))
    let empty = out + "/empty.txt"
    write(Array("Round table\nPenza city\nFrom 01/02/2020 to 01/02/2020\n".utf8), empty)
    var fixed: [Double] = []
    for _ in 0..<5 { fixed.append(spawn([bin, "check", "--input", empty]).seconds) }
    rows.append(Row(what: "fixed cost of a run (check of a one-entry file: start-up + loading data/)", value: "\(fmt(fixed.sorted()[2] * 1000, 1)) ms", ratio: "—", target: "—"))

    // Instructions per MB of each kind, the run's fixed cost taken off: the progress measure
    // that the machine's swing does not hide.
    let log = out + "/callgrind.log"
    if let base = instructions(bin: bin, input: empty, log: log) {
        for (name, dir) in [("listings", parseCorpus.listings), ("notes", parseCorpus.notes)] {
            let sample = firstFiles(of: dir, 3, into: out + "/callgrind-" + name)
            guard sample.bytes > 0, let n = instructions(bin: bin, input: sample.path, log: log) else { continue }
            let perMB = Double(n - base) / (Double(sample.bytes) / 1e6) / 1e6
            rows.append(Row(what: "instructions per MB, \(name) (callgrind, check at one worker, deterministic hashing, fixed cost \(fmt(Double(base) / 1e6))M off), \(fmt(Double(sample.bytes) / 1e6)) MB",
                            value: "\(fmt(perMB))M", ratio: "—", target: "— (does not move with the machine)"))
        }
    } else {
        rows.append(Row(what: "instructions per MB (callgrind)", value: "—", ratio: "—", target: "valgrind not installed"))
    }

    let b1 = spawn([bin, "build", "--input", a.listings, "--input", a.notes, "--out", out + "/report-small"])
    let b2 = spawn([bin, "build", "--input", b.listings, "--input", b.notes, "--out", out + "/report-large"])
    rows.append(Row(what: "build end to end, \(fmt(small, 0)) MB", value: "\(fmt(b1.seconds, 2)) s", ratio: "—", target: "exit \(b1.status)"))
    rows.append(Row(what: "build end to end, \(fmt(large, 0)) MB", value: "\(fmt(b2.seconds, 2)) s", ratio: fmt(b2.seconds / b1.seconds, 2),
                     target: "≤ \(fmt(large / small * 1.2, 0))× (linear: \(fmt(large / small, 0))×), exit \(b2.status)"))
    rows.append(Row(what: "peak memory of the \(fmt(large, 0)) MB build (ru_maxrss)", value: "\(b2.maxRSSKB / 1024) MB",
                     ratio: fmt(Double(b2.maxRSSKB) * 1024 / Double(b.bytes), 2), target: "< 2× input"))

    // Template: a 100,000-row table with escaping, against a straight loop of the same bytes.
    let nrows = 100_000
    var items: [JSONValue] = []
    items.reserveCapacity(nrows)
    for k in 0..<nrows {
        items.append(.object(["a": .string("Круглый стол «Местная демократия» №\(k)"), "b": .string("Tom & Jerry <\(k)>"), "c": .int(k)]))
    }
    let ctx = JSONValue.object(["rows": .array(items)])
    let tpl = try! Template(source: "<table>\n{{#rows}}<tr><td>{{a}}</td><td>{{b}}</td><td>{{c}}</td></tr>\n{{/rows}}</table>\n", name: "bench.html.mustache")
    var t0 = now()
    let rendered = try! tpl.render(ctx).bytes
    let tRender = now() - t0
    t0 = now()
    var loop: [UInt8] = []
    loop.reserveCapacity(rendered.count)
    loop.append(contentsOf: "<table>\n".utf8)
    for case .object(let o) in items {
        loop.append(contentsOf: "<tr><td>".utf8)
        Escape.appendHTML(o["a"]!.stringValue!, to: &loop)
        loop.append(contentsOf: "</td><td>".utf8)
        Escape.appendHTML(o["b"]!.stringValue!, to: &loop)
        loop.append(contentsOf: "</td><td>".utf8)
        loop.append(contentsOf: String(o["c"]!.intValue!).utf8)
        loop.append(contentsOf: "</td></tr>\n".utf8)
    }
    loop.append(contentsOf: "</table>\n".utf8)
    let tLoop = now() - t0
    let same = loop == rendered
    rows.append(Row(what: "template render, 100,000-row table with escaping (\(fmt(Double(rendered.count) / 1e6)) MB out)",
                     value: "\(fmt(Double(rendered.count) / 1e6 / tRender)) MB/s", ratio: fmt(tLoop / tRender, 3),
                     target: "≥ 0.10 of the straight loop\(same ? "" : " (OUTPUT DIFFERS)")"))

    // Markdown: a 10 MB document (1 MB in smoke), against cmark when installed.
    let mdPath = out + "/doc.md"
    var g = orExit { try Generator(root: root) }
    let md = g.markdown(bytes: smoke ? 1_000_000 : 10_000_000)
    write(md, mdPath)
    // Best of three for both converters: one slow run (page cache, another process) must not
    // decide the ratio.
    var html: [UInt8] = []
    var tMd = Double.infinity
    for _ in 0..<3 {
        t0 = now()
        html = MarkdownRenderer.html(from: md)
        tMd = min(tMd, now() - t0)
    }
    let mdMBps = Double(md.count) / 1e6 / tMd
    var cmarkNote = "cmark not installed"
    var cmarkRatio = "—"
    if FileReader.kind("/usr/bin/cmark") == .file {
        let best = (0..<3).map { _ in spawn(["/usr/bin/cmark", mdPath]).seconds }.min()!
        let cm = Double(md.count) / 1e6 / best
        cmarkNote = "cmark \(fmt(cm)) MB/s"
        cmarkRatio = fmt(mdMBps / cm, 3)
    }
    rows.append(Row(what: "Markdown to HTML, \(fmt(Double(md.count) / 1e6)) MB (\(html.count / 1_000_000) MB out)", value: "\(fmt(mdMBps)) MB/s",
                     ratio: cmarkRatio, target: "≥ 0.25 of cmark; \(cmarkNote)"))

    // Start-up: the median of 21 runs of --version.
    var times: [Double] = []
    for _ in 0..<21 { times.append(spawn([bin, "--version"]).seconds) }
    times.sort()
    rows.append(Row(what: "start-up (okmo-report --version, median of 21)", value: "\(fmt(times[10] * 1000, 1)) ms", ratio: "—", target: "< 20 ms"))

    var machine = "\(sysconf(Int32(_SC_NPROCESSORS_ONLN))) cores"
    if let cpu = FileReader.readIfRegularFile("/proc/cpuinfo") {
        let text = String(decoding: cpu, as: UTF8.self)
        if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }) {
            machine = String(line.split(separator: ":", maxSplits: 1).last ?? "").trimmingSpacesBench() + ", " + machine
        }
    }
    print("\nmachine: \(machine)\n")
    print("| measurement | value | ratio | target |")
    print("|---|---:|---:|---|")
    for r in rows { print("| \(r.what) | \(r.value) | \(r.ratio) | \(r.target) |") }
    return 0
}

extension String {
    func trimmingSpacesBench() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

let argv = Array(CommandLine.arguments.dropFirst())
switch argv.first {
case "run": exit(run(args: Array(argv.dropFirst())))
case "compare": exit(compare(args: Array(argv.dropFirst())))
case "generate":
    guard let o = options(Array(argv.dropFirst()), valued: ["--out", "--size", "--root"]) else { exit(64) }
    let c = makeCorpus(root: o["--root"] ?? ".", dir: o["--out"] ?? "bench-out", mb: o["--size"].flatMap(Double.init) ?? 1)
    print("wrote \(c.bytes) bytes to \(c.listings) and \(c.notes)")
    exit(0)
default:
    print("usage: okmo-bench run [--bin BIN] [--out DIR] [--root DIR] [--smoke] | okmo-bench generate --out DIR --size MB [--root DIR]"
          + " | okmo-bench compare --a BIN --b BIN --input DIR [--runs N] [--jobs J] [--data DIR]")
    exit(64)
}
