import OkmoReport
#if canImport(Glibc)
import Glibc
#endif

exit(OkmoCLI.run(Array(CommandLine.arguments.dropFirst())))
