import ArgumentParser
import Foundation

enum OutputGuard {
    /// An output path that is also an input would destroy the input: refuse before reading anything.
    static func refuseOverwriting(inputs: [String], outputs: [String]) throws {
        func real(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path }
        let inputSet = Set(inputs.map(real))
        for out in outputs where inputSet.contains(real(out)) {
            throw ValidationError("\(out) är en av indatafilerna; välj en annan utfil")
        }
    }
}
