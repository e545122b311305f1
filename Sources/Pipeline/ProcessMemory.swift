import Foundation

/// Memory use of this process.
public enum ProcessMemory {
    /// Peak resident set size, bytes (Linux: `VmHWM` in /proc/self/status; elsewhere
    /// getrusage's `ru_maxrss`, bytes on macOS); nil if unavailable.
    public static var peakResidentBytes: Int? {
        #if os(Linux)
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 2, let kilobytes = Int(fields[1]) { return kilobytes * 1024 }
        }
        return nil
        #else
        var usage = rusage()
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss)
        #endif
    }
}
