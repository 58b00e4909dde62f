import OkmoCore
import OkmoReport
#if canImport(Glibc)
import Glibc
#endif

// Freed pages are kept for the next file (see `MallocTuning`).
MallocTuning.keepFreedPages()
exit(OkmoCLI.run(Array(CommandLine.arguments.dropFirst())))
