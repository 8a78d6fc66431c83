// The core uses FoundationEssentials where it exists: it is enough for JSON, dates and
// files, and it keeps process start-up lean (no ICU data to map).
#if canImport(FoundationEssentials)
@_exported import FoundationEssentials
#else
@_exported import Foundation
#endif
