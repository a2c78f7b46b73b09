import Foundation

/// Wall and process CPU time per stage on standard error when `FINSAM_TIMING` is set: how the benchmark tells
/// the parallel stages from the serial tail.
public enum PhaseTiming {
    public static let enabled = ProcessInfo.processInfo.environment["FINSAM_TIMING"] != nil

    public struct Mark: Sendable {
        let wall: ContinuousClock.Instant
        let cpu: Double
    }

    public static func start() -> Mark { Mark(wall: ContinuousClock.now, cpu: processCPUSeconds()) }

    public static func report(_ stage: String, since mark: Mark) {
        guard enabled else { return }
        let d = (ContinuousClock.now - mark.wall).components
        let wall = Double(d.seconds) + Double(d.attoseconds) / 1e18
        let cpu = processCPUSeconds() - mark.cpu
        FileHandle.standardError.write(Data(String(format: "tid: %@: vägg %.2f s, cpu %.2f s\n", stage, wall, cpu).utf8))
    }

    public static func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let mark = start()
        defer { report(stage, since: mark) }
        return try body()
    }

    static func processCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
